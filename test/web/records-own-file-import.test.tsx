// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { memoryStore } from '../../src/machines/index.js';
import Records from '../../src/web/pages/Records.js';
import { StoreContext } from '../../src/web/store.js';

afterEach(cleanup);

// A terminal backup made before scenarios in progress from the volunteer's own files were left out
// of backups carries their saves, each naming where the file is (here a home folder with the
// volunteer's name). Loaded on My records, they are left out, and the page says so once.
it('loading an older backup leaves out its saves from the volunteer\'s own files, says so once beside the field, and keeps no path', async () => {
  const save = (scenario: object) => ({ format: 'casa-practice-terminal-save', formatVersion: 1, scenario, session: { savedAt: '2026-11-30T10:00:00.000Z' } });
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
