import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ProjectorScreen, { PROJECTOR_MIN_SCALE } from '../../src/web/pages/ProjectorScreen.js';
import { PROJECTOR_CHANNEL, PROJECTOR_PROTOCOL, PROJECTOR_READABLE_SCALE } from '../../src/web/projector.js';

afterEach(() => {
  cleanup();
});

/**
 * The projector's fitting with a window of 1024×768 laid out as a browser would (jsdom lays out
 * nothing): what the window shows is as tall as its narration's lines, each 1.5em, the words
 * wrapping into more lines as the type grows (a jump at each new line), and a heading.
 */
function laidOut(chars: number, scale: number): number {
  const em = 16 * scale;
  const lines = Math.ceil((chars * em * 0.5) / 400);
  return Math.round((lines * 1.5 + 6) * em);
}

/** The search as it was before it foretold its ends: top, the readable scale, then halving to 1%, a layout for each. */
function searchedBefore(fitsAt: (scale: number) => boolean): number {
  const top = 1;
  if (fitsAt(top)) return top;
  let [lo, hi] = fitsAt(PROJECTOR_READABLE_SCALE) ? [PROJECTOR_READABLE_SCALE, top] : [PROJECTOR_MIN_SCALE, PROJECTOR_READABLE_SCALE];
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (fitsAt(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** How many narrations are fitted. */
const STATES = 24;

/** The laptop's end of the projector channel, with the pages the projector says it has fitted (their ids, in order). */
const laptopTold = () => {
  const laptop = new BroadcastChannel(PROJECTOR_CHANNEL);
  const told: string[] = [];
  laptop.onmessage = (e: MessageEvent<{ type?: string; id?: string }>) => {
    if (e.data.type === 'pages' && e.data.id) told.push(e.data.id);
  };
  return { laptop, told };
};

describe('projector window fitting', () => {
  it('finds the same type size as the search before it, from fewer layouts of the window', async () => {
    const root = document.documentElement;
    const scaleNow = () => (root.style.fontSize ? parseFloat(root.style.fontSize) / 100 : 1);
    const chars = () => document.querySelector('.narration')?.textContent?.length ?? 0;
    // Each read after the type size changed is a layout of the whole window.
    let layouts = 0;
    let last = '';
    const height = () => {
      const key = `${root.style.fontSize}|${chars()}`;
      if (key !== last) layouts++;
      last = key;
      return laidOut(chars(), scaleNow());
    };
    const heightDescriptor = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight');
    const rect = Element.prototype.getBoundingClientRect;
    Object.defineProperty(root, 'scrollHeight', { configurable: true, get: () => Math.max(window.innerHeight, height()) });
    root.getBoundingClientRect = () => ({ height: height(), width: window.innerWidth, top: 0, left: 0, bottom: height(), right: window.innerWidth, x: 0, y: 0, toJSON: () => ({}) });
    const laptop = new BroadcastChannel(PROJECTOR_CHANNEL);
    // jsdom scrolls nothing (and says so).
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    try {
      render(<ProjectorScreen />);
      await screen.findByRole('heading', { level: 1, name: 'Projector screen' });
      let before = 0;
      const sizes = new Set<number>();
      // Narrations from the size of the window to twice it and more: each fitted somewhere between 60% and 100%.
      for (let n = 0; n < STATES; n++) {
        const length = 1000 + Math.round((n * 3000) / STATES);
        const narration = `${n} ${'w'.repeat(length)}`;
        const asked = new Set<number>();
        const expected = searchedBefore((s) => {
          asked.add(s);
          return laidOut(narration.length, s) <= window.innerHeight;
        });
        before += asked.size;
        sizes.add(expected);
        laptop.postMessage({ type: 'state', state: { kind: 'moment', scenarioTitle: 'S', step: `Decision ${n}`, title: 'At the café', narration, lines: [], replies: [] }, v: PROJECTOR_PROTOCOL });
        await screen.findByText(`Decision ${n}`);
        await waitFor(() => expect(chars()).toBe(narration.length));
        expect({ n, fontSize: root.style.fontSize }).toEqual({ n, fontSize: expected === 1 ? '' : `${expected * 100}%` });
      }
      // Many different sizes found, from the smallest type to the largest.
      expect(sizes.size).toBeGreaterThan(STATES / 2);
      expect([Math.min(...sizes), Math.max(...sizes)]).toEqual([expect.toSatisfy((x: number) => x < 0.62), 1]);
      // Fewer layouts than the search before, with one more each for the type found (as before): 95 of 157 when written.
      expect({ layouts, before }).toEqual({ layouts: expect.toSatisfy((x: number) => x <= (before + STATES) * 0.7), before });
    } finally {
      laptop.close();
      scrollTo.mockRestore();
      if (heightDescriptor) delete (root as unknown as Record<string, unknown>).scrollHeight;
      root.getBoundingClientRect = rect;
    }
  });

  // Where the window is scrolled to was read (window.scrollY) when a new reveal had just been put
  // on the screen, and put back (scrollTo) after splitting it into pages: each a layout of the whole
  // window in the type of the screen before, thrown away at once by the fitting's own (a sixth of
  // the layouts of a projector window stepping through reveals, in Chromium).
  it('a new reveal lays the window out for where it is scrolled to once: the screen it is painted with', async () => {
    // Reading a layout (where the window is scrolled to, its size, a box) with the page changed since
    // the last read is a layout of the whole window: the changes pending are taken with it.
    const changes = new MutationObserver(() => undefined);
    changes.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    let scrollLayouts = 0;
    const laidOut = (forScroll: boolean) => {
      if (changes.takeRecords().length > 0 && forScroll) scrollLayouts++;
    };
    const heightDescriptor = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight');
    const widthDescriptor = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollWidth');
    const rect = Element.prototype.getBoundingClientRect;
    const scrollY = Object.getOwnPropertyDescriptor(window, 'scrollY');
    Object.defineProperty(Element.prototype, 'scrollHeight', { configurable: true, get() { laidOut(false); return heightDescriptor?.get?.call(this) as number; } });
    Object.defineProperty(Element.prototype, 'scrollWidth', { configurable: true, get() { laidOut(false); return widthDescriptor?.get?.call(this) as number; } });
    Element.prototype.getBoundingClientRect = function (this: Element) {
      laidOut(false);
      return rect.call(this);
    };
    Object.defineProperty(window, 'scrollY', { configurable: true, get: () => { laidOut(true); return 0; } });
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => laidOut(true));
    const { laptop, told } = laptopTold();
    try {
      render(<ProjectorScreen />);
      await screen.findByRole('heading', { level: 1, name: 'Projector screen' });
      for (const n of [1, 2, 3]) {
        changes.takeRecords();
        scrollLayouts = 0;
        const reveal = [1, 2, 3].map((number) => ({ number, text: `Reply ${number} of reveal ${n}`, votes: '1 (33%)', percent: 33, feedback: 'Feedback.', verdicts: [] }));
        laptop.postMessage({ type: 'state', state: { kind: 'moment', scenarioTitle: 'S', step: `Decision ${n}`, title: 'At the café', lines: [], replies: [], reveal, page: { id: `reveal ${n}`, at: 0 } }, v: PROJECTOR_PROTOCOL });
        await waitFor(() => expect(told).toContain(`reveal ${n}`));
        expect({ n, scrollLayouts }).toEqual({ n, scrollLayouts: 1 });
      }
    } finally {
      laptop.close();
      changes.disconnect();
      scrollTo.mockRestore();
      if (heightDescriptor) Object.defineProperty(Element.prototype, 'scrollHeight', heightDescriptor);
      if (widthDescriptor) Object.defineProperty(Element.prototype, 'scrollWidth', widthDescriptor);
      Element.prototype.getBoundingClientRect = rect;
      if (scrollY) Object.defineProperty(window, 'scrollY', scrollY);
    }
  });

  // The fitting put the window back where it was (scrollTo) after every fit, even where it already
  // was: jsdom, which scrolls nothing, logs "Not implemented: Window's scrollTo() method" for each
  // call, 290 lines of the web tests' stderr (presenter and live room), burying any real error there.
  it('a window already where it is to be after a fitting is not scrolled there again (jsdom logged each scroll as not implemented)', async () => {
    const scrolls = vi.spyOn(window, 'scrollTo');
    const { laptop, told } = laptopTold();
    try {
      render(<ProjectorScreen />);
      await screen.findByRole('heading', { level: 1, name: 'Projector screen' });
      laptop.postMessage({ type: 'state', state: { kind: 'moment', scenarioTitle: 'S', step: 'Decision 1', title: 'At the café', narration: 'The room talks.', lines: [], replies: [] }, v: PROJECTOR_PROTOCOL });
      await screen.findByText('Decision 1');
      const reveal = [1, 2].map((number) => ({ number, text: `Reply ${number}`, votes: '1 (50%)', percent: 50, feedback: 'Feedback.', verdicts: [] }));
      laptop.postMessage({ type: 'state', state: { kind: 'moment', scenarioTitle: 'S', step: 'Decision 2', title: 'At the café', lines: [], replies: [], reveal, page: { id: 'reveal 2', at: 0 } }, v: PROJECTOR_PROTOCOL });
      await waitFor(() => expect(told).toContain('reveal 2'));
      await screen.findByText('Decision 2');
      // At the top all along (jsdom's window never scrolls): no scroll asked for. (jsdom's message goes
      // to its own console, out of a spy's reach: the call is what is counted.)
      expect(scrolls).not.toHaveBeenCalled();
    } finally {
      laptop.close();
      scrolls.mockRestore();
    }
  });
});
