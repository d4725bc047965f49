// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, expect, it } from 'vitest';
import { memoryStore } from '../../src/machines/index.js';
import Records from '../../src/web/pages/Records.js';
import { StoreContext } from '../../src/web/store.js';

afterEach(cleanup);

/** A save of scenario `id` at its first decision, with no reply made (its outline as a backup carries it). */
const save = (id: string) => ({
  format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'bundled', id },
  session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: id, scenarioVersion: 1, savedAt: '2026-11-30T10:00:00.000Z', snapshot: { value: 'd1', status: 'active', context: { mode: 'practice', transcript: [] } } },
});

// From the web check (session 61): a backup from a newer terminal held a scenario in progress of a
// scenario this app does not have. Loading it said "Loaded 2 scenarios in progress, to continue where
// you left off", and My records listed the save under its bare id, though no page here offers to
// continue it. It is kept (nothing is lost, and it goes into the next backup); the words say so.
it('loading a backup with a save of a scenario this app does not have says it is kept but cannot be continued here, and lists it so', async () => {
  const backup = {
    format: 'casa-practice-backup', formatVersion: 1, exportedAt: '2026-11-30T11:00:00.000Z',
    records: { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [] },
    saves: { 'saves/youth-discloses.json': save('youth-discloses'), 'saves/night-shelter.json': save('night-shelter') },
  };
  const store = memoryStore();
  const user = userEvent.setup();
  render(<StoreContext value={store}><Records /></StoreContext>);
  await user.upload(screen.getByLabelText('Load a backup file'), new File([JSON.stringify(backup)], 'casa-practice-backup-2026-11-30.json'));
  const said = (await screen.findByText(/^Loaded 1 scenario in progress/)).textContent ?? '';
  expect(said).toBe('Loaded 1 scenario in progress, to continue where you left off; kept 1 scenario in progress whose scenario is not in this app: it cannot be continued here, and it stays in this browser (and in the backups you download here).');
  // Kept, both.
  expect(store.list('saves/').map((e) => e.key).sort()).toEqual(['saves/night-shelter.json', 'saves/youth-discloses.json']);
  // Listed: the app's own by its title, the other by its id and what it is.
  const heading = screen.getByRole('heading', { level: 3, name: 'Scenarios in progress' });
  await within(heading.parentElement as HTMLElement).findByRole('button', { name: /^Remove this progress \(your progress in “night-shelter”\)$/ });
  let list = heading.nextElementSibling;
  while (list && list.tagName !== 'UL') list = list.nextElementSibling;
  const labels = within(list as HTMLElement).getAllByRole('listitem').map((li) => li.firstChild?.textContent ?? '');
  expect(labels).toHaveLength(2);
  expect(labels.find((l) => l.startsWith('“What Kiara tells you”, saved on '))).toBeTruthy();
  expect(labels.find((l) => l.startsWith('“night-shelter”'))).toMatch(/^“night-shelter”, saved on .+?: its scenario is not in this app, so it cannot be continued here$/);
  const result = await axe.run(list as HTMLElement, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => v.id)).toEqual([]);
  // Removing it does not promise a start from the beginning the next time it is opened: it is not opened here.
  await user.click(screen.getByRole('button', { name: 'Remove this progress (your progress in “night-shelter”)' }));
  expect((await screen.findByText(/^Removing it deletes this progress/)).textContent).toBe('Removing it deletes this progress from this browser for good. Your records are not changed.');
  await user.click(screen.getByRole('button', { name: 'Keep this progress' }));
  // One of the app's own is still said to start from the beginning the next time.
  await user.click(screen.getByRole('button', { name: 'Remove this progress (your progress in “What Kiara tells you”)' }));
  expect((await screen.findByText(/^Removing it deletes this progress/)).textContent).toBe('Removing it deletes this progress from this browser for good: the scenario starts from the beginning the next time you open it. Your records are not changed.');
});
