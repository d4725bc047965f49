// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { localStore } from '../../src/web/adapters/local-store.js';
import { playToDebrief, renderApp, replyKey } from './helpers.js';

afterEach(cleanup);

/** A localStorage in memory whose writes of the keys `fits` refuses throw the browser's quota error. */
function storageWhere(fits: (key: string) => boolean): Storage {
  const data = new Map<string, string>();
  return {
    get length() { return data.size; },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (!fits(k)) throw new DOMException('full', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
  };
}

/** A localStorage that is full: every write throws the browser's quota error. */
const fullStorage = () => storageWhere(() => false);

/** A localStorage that keeps everything but the records and kept debriefs. */
const recordsDoNotFit = () => storageWhere((k) => !/\/(records\.json|debriefs\/)/.test(k));

describe('when the browser cannot keep progress', () => {
  // The save went at the ending and the record did not fit: a reload lost the playthrough altogether.
  it('a finished playthrough whose record does not fit keeps its save: reloaded, it goes on at its last reply\'s feedback', async () => {
    const user = userEvent.setup();
    const storage = recordsDoNotFit();
    renderApp('#/play/youth-discloses', localStore({ storage: () => storage }));
    await screen.findByRole('group', { name: /./ });
    await playToDebrief(user);
    expect(document.querySelector('.hint')?.textContent).toMatch(/in this tab only/);
    expect(storage.getItem('casa-practice/saves/youth-discloses.json')).not.toBeNull();
    expect(storage.getItem('casa-practice/records.json')).toBeNull();
    cleanup();
    renderApp('#/play/youth-discloses', localStore({ storage: () => storage }));
    await screen.findByText(/Welcome back/);
    // Where it stood as the debrief was asked for: the last reply's feedback, with its undo and the way on.
    expect(screen.getByRole('heading', { level: 3, name: 'Your last reply' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Undo last reply' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'See the debrief' })).toBeTruthy();
  });


  // The web store wrote records of any size (a backup of them could then be too large to load back).
  it('records that would pass the store\'s limit are not written: the earlier ones stay, and the page and the debrief say so', async () => {
    const user = userEvent.setup();
    const storage = storageWhere(() => true);
    // Earlier records (a playthrough is not checked against a scenario here), compact, as records near the limit are.
    const earlier = { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: Array.from({ length: 300 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, scenarioId: 'youth-discloses', scenarioVersion: 1, title: 'Earlier practice', mode: 'practice',
      completedAt: new Date(Date.parse('2026-01-01T10:00:00Z') + i * 3_600_000).toISOString(), score: { earned: 0, best: 0, percent: 0, capped: false }, band: 'developing', decisions: [], principles: [],
    })) };
    const text = `${JSON.stringify(earlier)}\n`;
    storage.setItem('casa-practice/records.json', text);
    renderApp('#/play/youth-discloses', localStore({ storage: () => storage, maxBytes: text.length + 50 }));
    await screen.findByRole('group', { name: /./ });
    await playToDebrief(user);
    expect(storage.getItem('casa-practice/records.json')).toBe(text);
    expect(screen.getByRole('alert').textContent).toMatch(/^Your records were not updated: they would be larger than this browser keeps for casa-practice \(\d+ KB\)\. Your records as they were are kept/);
    expect(document.querySelector('.hint')?.textContent).toMatch(/in this tab only/);
  });

  it('the play goes on and the page says plainly that progress lasts only for this tab', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses', localStore({ storage: fullStorage }));
    await screen.findByRole('group', { name: /./ });
    expect(screen.queryByRole('alert')).toBeNull();
    await replyKey(user, '1');
    expect((await screen.findByRole('alert')).textContent).toMatch(/full.*until you close the tab/);
    expect(screen.getByText(/^You( do)?:$/)).toBeTruthy();
  });

  // The notice said progress lasts only for this tab while the content note said it was kept as
  // you go, and the debrief "Added to My records."
  it('says "in this tab" where it would promise progress kept and records added', async () => {
    const user = userEvent.setup();
    const blocked = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    renderApp('#/play/youth-discloses', localStore({ storage: blocked }));
    await screen.findByRole('group', { name: /./ });
    expect(screen.getByRole('alert').textContent).toMatch(/does not let the page save anything/);
    expect(document.querySelector('.content-note')?.textContent).toContain('your progress is kept in this tab until you close it');
    await playToDebrief(user);
    expect(document.querySelector('.hint')?.textContent).toMatch(/Added to My records in this tab only: this browser is not keeping them/);
  });

  it('promises progress kept and records added when the browser keeps them', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    expect(document.querySelector('.content-note')?.textContent).toContain('your progress is kept as you go');
    await playToDebrief(user);
    expect(document.querySelector('.hint')?.textContent).toMatch(/Added to My records\.$/);
  });
});
