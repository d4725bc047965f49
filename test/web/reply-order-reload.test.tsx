// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore, type Store } from '../../src/machines/light.js';
import { App } from '../../src/web/App.js';
import type { TabStorage } from '../../src/web/tab-draft.js';
import { replyKey } from './helpers.js';
import { userEvent } from '@testing-library/user-event';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A tab's storage (sessionStorage) of the test's own, kept across the page's reloads. */
function tabStorage(): TabStorage & { keys(): string[] } {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
    keys: () => [...items.keys()],
  };
}

/** Every seed the page draws a new one: 1, 2, 3… (a real browser's are random). */
function seedsCountingUp(): void {
  let n = 0;
  vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(b: T): T => {
    if (b instanceof Uint32Array) b[0] = ++n;
    return b;
  });
}

/** The page opened (or reloaded) at youth-discloses, which opens on a decision: its replies, in the order shown. */
async function openReplies(store: Store, tab: TabStorage) {
  window.location.hash = '#/play/youth-discloses';
  const page = render(<App store={store} tab={tab} />);
  const group = await screen.findByRole('group', { name: /./ });
  return { page, replies: within(group).getAllByRole('button').map((b) => b.textContent) };
}

// Session 60: a scenario opening on a decision has no save until its first reply (a page opened
// and left at once leaves none), so nothing held the order of its replies: a reload drew a new
// seed, and reply 1 was another reply after it.
describe('the order of the first decision\'s replies, before any reply', () => {
  it('is the same after a reload of the tab, and the tab forgets it once the save holds it', async () => {
    seedsCountingUp();
    const store = memoryStore();
    const tab = tabStorage();
    const first = await openReplies(store, tab);
    first.page.unmount();
    const again = await openReplies(store, tab);
    expect(again.replies).toEqual(first.replies);
    // Seeds 1 and 2 order these replies differently: a new seed would have shown it.
    expect(tab.keys()).toHaveLength(1);
    await replyKey(userEvent.setup(), '1');
    expect(tab.keys()).toEqual([]);
    again.page.unmount();
    // The save holds the order from now on; a new playthrough (here: in another browser's storage) draws its own.
    const next = await openReplies(memoryStore(), tab);
    expect(next.replies).not.toEqual(first.replies);
  });

  it('is drawn anew in a tab whose storage refuses it, and the scenario plays', async () => {
    const refusing: TabStorage = {
      getItem: () => {
        throw new Error('refused');
      },
      setItem: () => {
        throw new Error('refused');
      },
      removeItem: () => {
        throw new Error('refused');
      },
    };
    const { replies } = await openReplies(memoryStore(), refusing);
    expect(replies).toHaveLength(3);
    await replyKey(userEvent.setup(), '1');
    expect(await screen.findByRole('button', { name: 'Continue' })).toBeTruthy();
  });
});
