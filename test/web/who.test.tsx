// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './helpers.js';

afterEach(cleanup);

/** The "Who's who" disclosure near the scene header, and its list. */
function whoDisclosure() {
  const summary = screen.getByText(/Who’s who/, { selector: 'summary' });
  const details = summary.closest('details');
  if (!details) throw new Error("Who's who is not a <details>");
  return { summary, details, names: () => within(details).queryAllByRole('listitem').map((li) => li.querySelector('strong')?.textContent) };
}

describe("who's who on the play page", () => {
  it('a native disclosure near the header lists the people met so far; it grows as people appear, stays open, and names no one met later', async () => {
    const user = userEvent.setup();
    renderApp('#/play/testifying');
    await screen.findByRole('heading', { level: 1, name: "Selene's testimony" });
    const who = whoDisclosure();
    // Closed at first (the conversation comes first); in the page header, before the conversation.
    expect(who.details.open).toBe(false);
    expect(who.details.closest('.play-head')).not.toBeNull();
    expect(who.summary.textContent).toBe('Who’s who (2 met so far)');
    await user.click(who.summary);
    expect(who.details.open).toBe(true);
    expect(who.names()).toEqual(['Selene', 'Ms. Ibarra']);
    // Decision 1: a reply names Mr. Osei, so he is listed, with his role and the scenario's words about him.
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('group', { name: /./ });
    const now = whoDisclosure();
    expect(now.details.open).toBe(true);
    expect(now.summary.textContent).toBe('Who’s who (3 met so far)');
    expect(now.names()).toEqual(['Selene', 'Ms. Ibarra', 'Mr. Osei']);
    const osei = within(now.details).getAllByRole('listitem')[2];
    expect(osei?.textContent).toBe("Mr. Osei (dependency attorney at the Children's Law Center): Selene's dependency attorney at the Children's Law Center (CLC).");
    const text = now.details.textContent ?? '';
    for (const later of ['Mr. Dunn', "An account you don't know", 'Hannah', 'Lonnie']) expect(text).not.toContain(later);
    expect(text).not.toMatch(/%|score|points|trust/i);
  });
});
