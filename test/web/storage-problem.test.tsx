// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { localStore } from '../../src/web/adapters/local-store.js';
import { renderApp } from './helpers.js';

afterEach(cleanup);

/** A localStorage that is full: every write throws the browser's quota error. */
function fullStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() { return data.size; },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: () => { throw new DOMException('full', 'QuotaExceededError'); },
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
  };
}

describe('when the browser cannot keep progress', () => {
  it('the play goes on and the page says plainly that progress lasts only for this tab', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses', localStore({ storage: fullStorage }));
    await screen.findByRole('group', { name: /./ });
    expect(screen.queryByRole('alert')).toBeNull();
    await user.keyboard('1');
    expect((await screen.findByRole('alert')).textContent).toMatch(/full.*until you close the tab/);
    expect(screen.getByText(/^You( do)?:$/)).toBeTruthy();
  });
});
