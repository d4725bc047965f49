// @vitest-environment jsdom
// My records listed each last debrief kept, under "Last debriefs", with only "Remove this debrief":
// a volunteer who went there for a debrief could delete it but not read it. Each one the debrief
// page opens (a bundled scenario's, as the Scenarios page's "See your last debrief" opens it) now
// has a link to read it; one kept under a slot of its own (a trainer's own file, a replay from a
// decision), which that page does not open, is offered none that would lead to "No debrief kept".
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import { AXE_TAGS, COLOUR_RULES } from './helpers/axe-rules.js';
import { back, goTo, playToDebrief, renderApp } from './helpers.js';

afterEach(cleanup);

/**
 * youth-discloses played to its debrief, a copy of that debrief kept under a slot of its own beside
 * it (the debrief page opens only the bundled one), then My records: its "Last debriefs" heading.
 */
async function twoDebriefsInRecords(user: ReturnType<typeof userEvent.setup>, store: ReturnType<typeof memoryStore>) {
  renderApp('#/play/youth-discloses', store);
  await screen.findByRole('group', { name: /./ });
  const title = (screen.getByRole('heading', { level: 1 }).textContent ?? '').trim();
  await playToDebrief(user);
  store.write('debriefs/youth-discloses--file-abc123.json', store.read('debriefs/youth-discloses.json')!);
  await goTo('#/records');
  return { title, heading: await screen.findByRole('heading', { level: 3, name: 'Last debriefs' }) };
}

describe('My records: a last debrief kept can be read from "Last debriefs"', () => {
  it('has a link named with its scenario that opens it; one the debrief page cannot open has none', async () => {
    const user = userEvent.setup({ delay: null });
    const store = memoryStore();
    const { title, heading } = await twoDebriefsInRecords(user, store);
    expect(store.data.has('debriefs/youth-discloses.json')).toBe(true);
    const items = await within(heading.parentElement!).findAllByRole('button', { name: /^Remove this debrief/ });
    expect(items).toHaveLength(2);
    const links = within(heading.parentElement!).getAllByRole('link', { name: /^Read this debrief/ });
    expect(links).toHaveLength(1);
    const read = links[0]!;
    expect(read.getAttribute('href')).toBe('#/debrief/youth-discloses');
    // Named with what it opens, as its Remove button is, so that a list of links tells them apart.
    expect(read.textContent).toBe(`Read this debrief (the last debrief of “${title}”)`);
    // In the same item as that debrief's own Remove button.
    expect(read.closest('li')?.textContent).toContain(`“${title}”, kept on`);
    const result = await axe.run(read.closest('ul')!, { runOnly: AXE_TAGS, rules: Object.fromEntries(COLOUR_RULES.map((r) => [r, { enabled: false }])), resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
    await goTo(read.getAttribute('href')!);
    const opened = await screen.findByRole('heading', { level: 1, name: new RegExp(`^Debrief: `) });
    expect(opened.textContent).toBe(`Debrief: ${title}`);
  });

  // Come back to by the browser's Back, the focus was on the page's top, the list far below: the
  // link followed has it again, as on the Scenarios page.
  it("opened by keyboard and come back to by the browser's Back, gives the focus back to its link", async () => {
    const user = userEvent.setup({ delay: null });
    const store = memoryStore();
    renderApp('#/play/youth-discloses', store);
    await screen.findByRole('group', { name: /./ });
    await playToDebrief(user);
    await goTo('#/records');
    const link = await screen.findByRole('link', { name: /^Read this debrief/ });
    link.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    await back();
    await screen.findByRole('heading', { level: 3, name: 'Last debriefs' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('link', { name: /^Read this debrief/ })));
  });
});

// Session 60: each entry asked its own question, and asking about a second entry left the first
// question open: two "Remove it for good" on the page, the first left unanswered behind the second.
describe('My records: one question open at a time', () => {
  it('asking to remove a second debrief closes the question about the first, unanswered; the focus on the second\'s safe answer', async () => {
    const user = userEvent.setup({ delay: null });
    const store = memoryStore();
    const { heading } = await twoDebriefsInRecords(user, store);
    const [first, second] = await within(heading.parentElement!).findAllByRole('button', { name: /^Remove this debrief/ });
    await user.click(first!);
    expect(screen.getAllByRole('button', { name: 'Remove it for good' })).toHaveLength(1);
    expect(first!.getAttribute('aria-expanded')).toBe('true');
    await user.click(second!);
    expect(screen.getAllByRole('button', { name: 'Remove it for good' })).toHaveLength(1);
    expect(first!.getAttribute('aria-expanded')).toBe('false');
    expect(second!.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.textContent).toBe('Keep this debrief');
    expect(second!.closest('li')?.contains(document.activeElement)).toBe(true);
    // Answered: only the second is removed, the first still listed.
    const firstName = first!.textContent;
    await user.click(screen.getByRole('button', { name: 'Remove it for good' }));
    expect(['debriefs/youth-discloses.json', 'debriefs/youth-discloses--file-abc123.json'].filter((k) => store.data.has(k))).toHaveLength(1);
    expect(within(heading.parentElement!).getAllByRole('button', { name: /^Remove this debrief/ }).map((b) => b.textContent)).toEqual([firstName]);
    expect(screen.queryAllByRole('button', { name: 'Remove it for good' })).toHaveLength(0);
  });
});
