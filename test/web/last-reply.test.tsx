// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import { ENDED_RESTART, UNDONE_WORDS, WELCOME_BACK } from '../../src/web/components/Session.js';
import { announcedDuring, atFirstDecision, renderApp, replyKey, watchAnnouncements } from './helpers.js';

// Practice shows feedback after each reply and lets you undo (the first page says so): the reply
// that ended the story did neither on the web (found in a walkthrough: whereabouts-unknown ended at
// "Can you come get me?" on a critical violation, and the page went straight to the debrief, that
// reply's feedback only in a closed fold there and no undo). The terminal shows it, with u to undo,
// before the debrief (its PlayScreen's last feedback); the web now does the same.

afterEach(cleanup);

const SAVE = 'saves/youth-discloses.json';
const playthroughs = (store: ReturnType<typeof memoryStore>): unknown[] => (JSON.parse(store.read('records.json') ?? '{"playthroughs":[]}') as { playthroughs: unknown[] }).playthroughs;
const savedStatus = (store: ReturnType<typeof memoryStore>) => (JSON.parse(store.read(SAVE) ?? 'null') as { session: { snapshot: { status: string; context: { transcript: unknown[] } } } } | null)?.session.snapshot;

/** Presses 1 at each decision and Continue otherwise until the reply that ends the story has been made; returns the replies made. */
async function playToLastReply(user: ReturnType<typeof userEvent.setup>): Promise<number> {
  let replies = 0;
  for (let step = 0; step < 80; step++) {
    if (document.getElementById('last-reply-heading') || document.getElementById('debrief-heading')) return replies;
    if (document.querySelector('.play > [role="group"].replies')) {
      await replyKey(user, '1');
      replies++;
    } else await user.click(within(document.querySelector('.play > .controls') as HTMLElement).getByRole('button', { name: 'Continue' }));
  }
  throw new Error('no ending after 80 steps');
}

describe('practice: the reply that ends the story', () => {
  it('shows its feedback as every other reply does, with Undo, and the debrief (and the record) only when the volunteer goes on', async () => {
    const { user, store } = await atFirstDecision();
    // The conversation's log says what the last reply brought, as at every other reply: the reply and its feedback.
    const log = watchAnnouncements('[role="log"]');
    const replies = await playToLastReply(user);
    log.stop();
    expect(document.getElementById('debrief-heading')).toBeNull();
    // Its feedback shown open in the conversation, under the reply just made, as every reply's is.
    const moments = screen.getByRole('log').querySelectorAll('.moment');
    const last = moments[moments.length - 1] as HTMLElement;
    expect(within(last).getAllByText(/^You( do)?:$/)).toHaveLength(1);
    expect(within(last).getByRole('heading', { level: 4, name: 'Feedback' })).toBeTruthy();
    expect(last.querySelector('details')).toBeNull();
    expect(log.said.some((t) => t.startsWith('Feedback'))).toBe(true);
    // The focus after the feedback, as on the new moment's heading after any other reply.
    const heading = screen.getByRole('heading', { level: 3, name: 'Your last reply' });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByRole('button', { name: 'Undo last reply' })).toBeTruthy();
    expect(document.title).toMatch(/^Practice: /);
    // Not finished yet: nothing recorded; the save holds the ended session (a reload comes back here).
    expect(playthroughs(store)).toHaveLength(0);
    expect(savedStatus(store)).toMatchObject({ status: 'done' });
    expect(savedStatus(store)?.context.transcript).toHaveLength(replies);

    await user.click(screen.getByRole('button', { name: 'See the debrief' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('debrief-heading'));
    expect(playthroughs(store)).toHaveLength(1);
    expect(store.read(SAVE)).toBeUndefined();
    expect(location.hash).toBe('#/debrief/youth-discloses');
  });

  it('Undo takes that reply back to its decision, saved so; chosen again, it is finished once', async () => {
    const { user, store } = await atFirstDecision();
    const replies = await playToLastReply(user);
    const polite = watchAnnouncements('[aria-live="polite"]');
    await user.click(screen.getByRole('button', { name: 'Undo last reply' }));
    polite.stop();
    const said = polite.said;
    // Back at the decision, its replies offered, the focus on its heading, the undo said, as any undo.
    const group = screen.getByRole('group', { name: /./ });
    expect(within(group).getAllByRole('button').length).toBeGreaterThan(1);
    const moments = screen.getByRole('log').querySelectorAll('.moment');
    expect(document.activeElement).toBe(moments[moments.length - 1]?.querySelector('.moment-heading'));
    expect(said).toContain(UNDONE_WORDS);
    expect(screen.queryByRole('heading', { name: 'Your last reply' })).toBeNull();
    expect(savedStatus(store)).toMatchObject({ status: 'active' });
    expect(savedStatus(store)?.context.transcript).toHaveLength(replies - 1);
    expect(playthroughs(store)).toHaveLength(0);

    await playToLastReply(user);
    await user.click(screen.getByRole('button', { name: 'See the debrief' }));
    await screen.findByRole('heading', { level: 2, name: /^Outcome: / });
    expect(playthroughs(store)).toHaveLength(1);
  });

  it('a reload there opens the same step again (the save kept, nothing recorded); its undo and its way on work from there, and the finish is recorded once', async () => {
    const { user, store, page: first } = await atFirstDecision();
    const replies = await playToLastReply(user);
    const before = screen.getByRole('log').textContent;
    first.unmount();

    const said = await announcedDuring(async () => {
      renderApp('#/play/youth-discloses', store);
      await screen.findByText(WELCOME_BACK);
    });
    expect(said.filter((t) => t === WELCOME_BACK)).toHaveLength(1);
    expect(screen.getByRole('log').textContent?.replace(WELCOME_BACK, '')).toBe(before);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 3, name: 'Your last reply' })));
    expect(document.getElementById('debrief-heading')).toBeNull();
    expect(playthroughs(store)).toHaveLength(0);

    // Undo works from the save opened again (the session restored from before that reply).
    await user.click(screen.getByRole('button', { name: 'Undo last reply' }));
    expect(screen.getByRole('group', { name: /./ })).toBeTruthy();
    expect(savedStatus(store)?.context.transcript).toHaveLength(replies - 1);
    await playToLastReply(user);

    // Reloaded once more at the last feedback, then on to the debrief: recorded once, and a reload then opens the kept debrief.
    cleanup();
    renderApp('#/play/youth-discloses', store);
    await user.click(await screen.findByRole('button', { name: 'See the debrief' }));
    await screen.findByRole('heading', { level: 2, name: /^Outcome: / });
    expect(playthroughs(store)).toHaveLength(1);
    cleanup();
    renderApp(location.hash, store);
    await screen.findByRole('heading', { level: 2, name: /^Outcome: / });
    expect(playthroughs(store)).toHaveLength(1);
  });

  // A break taken there ("Back to where I was", or Escape) put the focus on the last decision's
  // heading, above the reply and its feedback, and scrolled the page back to it: not where the
  // volunteer was, nor where the reply and a reload put the focus.
  it('back from a break taken there, the focus is on "Your last reply" again, as after the reply and after a reload', async () => {
    const { user } = await atFirstDecision();
    await playToLastReply(user);
    const heading = screen.getByRole('heading', { level: 3, name: 'Your last reply' });
    expect(document.activeElement).toBe(heading);
    for (const leave of ['button', 'Escape'] as const) {
      await user.click(screen.getByRole('button', { name: 'Take a break' }));
      await screen.findByRole('heading', { level: 1, name: 'Take a break' });
      if (leave === 'button') await user.click(screen.getByRole('button', { name: 'Back to where I was' }));
      else await user.keyboard('{Escape}');
      await waitFor(() => expect(document.activeElement, leave).toBe(screen.getByRole('heading', { level: 3, name: 'Your last reply' })));
    }
  });

  // "Start again from the beginning" is offered there too (the first page's words for changing a
  // saved practice run to an assessment name it): it deleted the save holding the ended story, so a
  // playthrough played to its end never reached the records, its minutes lost from the year's total,
  // while its question said "Your records of finished playthroughs stay as they are". The terminal's
  // last feedback has no such way out (q there sees the debrief). It is finished first now.
  for (const [answer, mode] of [['Yes, start again', 'play'], ['Start again in assessment instead', 'assess']] as const) {
    it(`"Start again from the beginning" there, "${answer}", records the ended playthrough and keeps its debrief first`, async () => {
      const { user, store } = await atFirstDecision();
      await playToLastReply(user);
      await user.click(screen.getByRole('button', { name: 'Start again from the beginning' }));
      const question = screen.getByRole('group', { name: 'Start again from the beginning?' });
      expect(question.querySelector('p')?.textContent).toBe(ENDED_RESTART);
      await user.click(within(question).getByRole('button', { name: answer }));
      await screen.findByText(/^Started again from the beginning/);
      expect(playthroughs(store)).toHaveLength(1);
      expect(store.read('debriefs/youth-discloses.json')).toBeDefined();
      expect(store.read(SAVE)).toBeUndefined();
      expect(location.hash).toBe(`#/${mode}/youth-discloses`);
    });
  }

  it('an assessment is unchanged: its last reply opens the debrief at once, recorded', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    renderApp('#/assess/youth-discloses', store);
    await screen.findByRole('group', { name: /./ });
    await playToLastReply(user);
    expect(document.getElementById('last-reply-heading')).toBeNull();
    await waitFor(() => expect(document.activeElement?.id).toBe('debrief-heading'));
    expect(playthroughs(store)).toHaveLength(1);
  });
});
