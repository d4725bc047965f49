// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { WELCOME_BACK } from '../../src/web/components/Session.js';
import { memoryStore } from '../../src/machines/light.js';
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

// Session 47: before-relapse's s1-triggers is untitled. The terminal's play screen and its "Where you
// left off" gave it no heading, "Before this" headed it "Scene 2"; every UI now heads it by the
// core's sceneHeading. The play page headed it by a count of its own: now by the core's, live and
// in the conversation a resumed save replays.
describe('an untitled scene, live and where a resumed save opens', () => {
  const headings = () => [...screen.getByRole('log').querySelectorAll('.moment-heading')].map((h) => h.textContent);

  it('is headed "Scene 2" by its number in the playthrough while shown, and the same in the conversation replayed on a reload', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const page = renderApp('#/play/before-relapse', store);
    const go = await screen.findByRole('button', { name: 'Continue' });
    go.focus();
    await user.keyboard('{Enter}');
    const group = await screen.findByRole('group', { name: /./ });
    await user.click(within(group).getByRole('button', { name: /Three months is real/ }));
    await screen.findByText(/^Rina shrugs and pulls/);
    const live = headings();
    // The opening scene (titled), the first decision, then s1-triggers: the second scene shown.
    expect(live).toHaveLength(3);
    expect(live[0]).toBe('Sunday afternoon');
    expect(live[2]).toBe('Scene 2');
    page.unmount();
    renderApp('#/play/before-relapse', store);
    await screen.findByText(WELCOME_BACK);
    expect(headings()).toEqual(live);
  });
});
