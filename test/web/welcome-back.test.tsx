// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { WELCOME_BACK } from '../../src/web/components/Session.js';
import { announcedDuring, atFirstDecision, renderApp, replyKey } from './helpers.js';

// Where it is on screen after a resume (in view at 390×844): the e2e part 'a reload mid-scenario on a phone'.

afterEach(cleanup);

describe('"Welcome back" where a resumed save opens', () => {
  // Above the whole conversation it was never seen on a phone (2,275 px above the screen on the-list
  // at 390 px wide): it is said where the page opens, just before the reply last made.
  it('is just before the reply last made, in the moment the page opens at, and said once', async () => {
    const { user, store, page } = await atFirstDecision();
    await replyKey(user, '1');
    page.unmount();
    const said = await announcedDuring(async () => {
      renderApp('#/play/youth-discloses', store);
      await screen.findByText(WELCOME_BACK);
    });
    expect(said.filter((t) => t === WELCOME_BACK)).toHaveLength(1);
    const note = screen.getByText(WELCOME_BACK).closest('.welcome-back');
    const reply = [...screen.getByRole('log').querySelectorAll('.yours')].at(-1);
    expect(note?.nextElementSibling).toBe(reply);
    // Read by its own status only: the conversation's log does not read it again.
    expect(note?.getAttribute('aria-live')).toBe('off');
  });
});
