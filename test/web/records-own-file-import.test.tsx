// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { backupText, memoryStore } from '../../src/machines/index.js';
import Preview from '../../src/web/pages/Preview.js';
import Records from '../../src/web/pages/Records.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';

afterEach(cleanup);

// A terminal backup made before scenarios in progress from the volunteer's own files were left out
// of backups carries their saves, each naming where the file is (here a home folder with the
// volunteer's name). Loaded on My records, they are left out, and the page says so once.
it('loading an older backup leaves out its saves from the volunteer\'s own files, says so once beside the field, and keeps no path', async () => {
  // With a session a resume reads (its outline: loading a backup leaves out a save that holds no progress).
  const save = (scenario: { source: string; id: string; file?: string }) => ({
    format: 'casa-practice-terminal-save', formatVersion: 1, scenario,
    session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: scenario.id, scenarioVersion: 1, savedAt: '2026-11-30T10:00:00.000Z', snapshot: { value: 'd1', status: 'active', context: { mode: 'practice', transcript: [] } } },
  });
  const backup = {
    format: 'casa-practice-backup', formatVersion: 1, exportedAt: '2026-11-30T11:00:00.000Z',
    records: { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [] },
    saves: {
      'saves/youth-discloses.json': save({ source: 'bundled', id: 'youth-discloses' }),
      'saves/weekend-visit.json': save({ source: 'file', file: '/home/maria-lopez/casa/weekend-visit.json', id: 'weekend-visit' }),
      'saves/court-day.json': save({ source: 'file', file: '/home/maria-lopez/casa/court-day.json', id: 'court-day' }),
    },
  };
  const store = memoryStore();
  const user = userEvent.setup();
  render(<StoreContext.Provider value={store}><Records /></StoreContext.Provider>);
  await user.upload(screen.getByLabelText('Load a backup file'), new File([JSON.stringify(backup)], 'casa-practice-backup-2026-11-30.json'));
  const said = (await screen.findByText(/^Loaded 1 scenario in progress/)).textContent ?? '';
  expect(said).toBe('Loaded 1 scenario in progress, to continue where you left off. 2 scenarios in progress from scenario files of your own were left out: their saves name where those files were on the device the backup was made on, which this app does not keep, and they could not be opened here. Finish them there.');
  expect(document.body.textContent?.match(/from scenario files of your own/g)).toHaveLength(1);
  expect(store.list('saves/').map((e) => e.key)).toEqual(['saves/youth-discloses.json']);
  for (const [, v] of store.data) expect(v.text).not.toContain('maria-lopez');
});

// Found by the hostile-input review (session 43): a save here older than the backup's was written
// over, and a backup's save checked only as far as its outline may not carry on. The one here is
// set aside first (replaced), and the message beside the field says so and where the copy is.
it('loading a backup over an older save here sets that save aside, says so beside the field, and lists the copy under “Replaced copies”', async () => {
  const save = (savedAt: string) => ({
    format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'bundled', id: 'youth-discloses' },
    session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: 'youth-discloses', scenarioVersion: 1, savedAt, snapshot: { value: 'd1', status: 'active', context: { mode: 'practice', transcript: [] } } },
  });
  const mine = JSON.stringify(save('2026-11-29T10:00:00.000Z'));
  const store = memoryStore({ 'saves/youth-discloses.json': mine });
  const backup = {
    format: 'casa-practice-backup', formatVersion: 1, exportedAt: '2026-11-30T11:00:00.000Z',
    records: { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [] },
    saves: { 'saves/youth-discloses.json': save('2026-11-30T10:00:00.000Z') },
  };
  const user = userEvent.setup();
  render(<StoreContext value={store}><Records /></StoreContext>);
  await user.upload(screen.getByLabelText('Load a backup file'), new File([JSON.stringify(backup)], 'casa-practice-backup-2026-11-30.json'));
  const said = (await screen.findByText(/^Loaded 1 scenario in progress/)).textContent ?? '';
  expect(said).toBe('Loaded 1 scenario in progress, to continue where you left off (the save that was here for it was set aside, not deleted). That copy is listed below, under “Room in this browser”, to restore, download or remove.');
  const copies = screen.getByRole('heading', { level: 3, name: 'Replaced copies' });
  expect(copies.parentElement?.textContent).toContain('Progress here that another save took the place of (replaced: by a newer one from a loaded backup, or by a save restored here) was set aside, not deleted');
  const aside = store.list('saves/').map((e) => e.key).filter((k) => k.includes('.replaced-'));
  expect(aside).toHaveLength(1);
  expect(store.read(aside[0]!)).toBe(mine);
});

// The terminal's backup leaves out the scenarios in progress from the volunteer's own files (their
// saves name where the file is) and says how many (backupText's ownFileSaves). Here there are none
// to leave out: a file of one's own is played on the Preview, which keeps no save. So the backup My
// records makes (backupText over this browser's store) holds every scenario in progress kept here,
// and its message (backupDownloaded) has nothing of files of one's own to say.
it('a backup made here leaves no scenario in progress out: a file of your own, played on the Preview, keeps no save', async () => {
  const store = memoryStore();
  store.write('saves/youth-discloses.json', JSON.stringify({ format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'bundled', id: 'youth-discloses' }, session: { savedAt: '2026-11-30T10:00:00.000Z' } }));
  const user = userEvent.setup();
  render(<StoreContext value={store}><Preview /></StoreContext>);
  await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example], 'my-scenario.json'));
  await user.click(await screen.findByRole('button', { name: 'Play it now (practice)' }));
  // One reply, at its first decision: a play of the app's scenarios is saved from its first step on (Session).
  await user.click(within(screen.getByRole('group', { name: /./ })).getAllByRole('button')[0]!);
  expect(screen.getByText(/^You( do)?:$/)).toBeTruthy();
  expect(store.list('saves/').map((e) => e.key)).toEqual(['saves/youth-discloses.json']);
  const made = backupText(store);
  expect(made.ownFileSaves).toBeUndefined();
  expect(Object.keys((JSON.parse(made.text) as { saves: object }).saves)).toEqual(['saves/youth-discloses.json']);
});
