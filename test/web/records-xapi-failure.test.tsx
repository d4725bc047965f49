// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import { readRecords, RECORDS_KEY, restorePlaythroughs, xapiLearner, type PlaythroughRecord, type XapiStatement } from '../../src/machines/index.js';
import { captureDownloads, renderApp, replyKey, scenariosReadBy } from './helpers.js';
import Records from '../../src/web/pages/Records.js';
import { StoreContext } from '../../src/web/store.js';

// The scenarios the xAPI file is made from fail to load once (offline, or the app updated on its
// host), then come.
const failOnce = { fail: false };
scenariosReadBy(async (builtIn) => {
  if (failOnce.fail) {
    failOnce.fail = false;
    throw new TypeError('Failed to fetch dynamically imported module');
  }
  return builtIn();
});

afterEach(cleanup);

// The practice both cases export: one playthrough of youth-discloses, played through the app.
const played = memoryStore();

// The xAPI button did nothing and said nothing when the scenarios could not be loaded.
it('the xAPI file that cannot be made for want of the scenarios is said, with what to do, beside the button; nothing is downloaded or changed', async () => {
  const blobs = captureDownloads();
  const store = played;
  const user = userEvent.setup();
  const play = renderApp('#/play/youth-discloses', store);
  await screen.findByRole('group', { name: /./ });
  for (let i = 0; i < 80 && !document.getElementById('debrief-heading'); i++) {
    const next = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Continue' || b.textContent === 'See the debrief');
    if (next) await user.click(next);
    else await replyKey(user, '1');
  }
  play.unmount();
  renderApp('#/records', store);
  const before = JSON.stringify([...store.data]);
  const button = await screen.findByRole('button', { name: /Download xAPI statements/ });
  // The page reads the scenarios for itself too, after its first frame: the titles that name what
  // "Room in this browser" lists (the last debrief kept here). Armed before that read, the failure
  // went to it, and the xAPI file was made. Armed once the page has named the debrief by its title.
  await screen.findByRole('button', { name: /^Remove this debrief \(the last debrief of “What Kiara tells you”\)$/ });
  failOnce.fail = true;
  await user.click(button);
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toBe('The xAPI file could not be made: the scenarios it describes could not be loaded (the connection may be down, or the app was just updated). Check your connection, reload this page and try again. Nothing was downloaded, and your records are unchanged.');
  // Beside the button it answers (the Export controls), and read with it.
  expect(button.getAttribute('aria-describedby')).toBe(`${alert.id} xapi-hint`);
  expect(alert.compareDocumentPosition(screen.getByRole('heading', { name: 'Backup' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(blobs).toHaveLength(0);
  expect(JSON.stringify([...store.data])).toBe(before);
  // Tried again once the scenarios come: the file is downloaded and the failure is no longer said.
  await user.click(button);
  await waitFor(() => expect(blobs).toHaveLength(1));
  expect(blobs[0]?.name).toMatch(/xapi.*\.json$/);
  expect(screen.queryByRole('alert')).toBeNull();
  // What is said now is that it was downloaded (not an alert), read with the button.
  expect(document.getElementById('export-message')?.textContent).toBe(`xAPI file downloaded: ${blobs[0]?.name}.`);
  expect(button.getAttribute('aria-describedby')).toBe('export-message xapi-hint');
});

// Records without a learner id of their own are named in the xAPI file by the id derived from their
// oldest practice; older practice added afterwards (put back by another tab's guard) changed it, and
// with it the actor of every statement exported before. (After the case above: the scenarios are
// validated once per file, and the practice played there is used again.)
it('the learner id an xAPI file names records without one by is kept in them, so older practice added later does not change it', async () => {
  const blobs = captureDownloads();
  const [mine] = readRecords(played).playthroughs as [PlaythroughRecord];
  const file = JSON.parse(played.read(RECORDS_KEY)!) as { learner?: string };
  delete file.learner;
  const store = memoryStore({ [RECORDS_KEY]: JSON.stringify(file) });
  const derived = xapiLearner(undefined, readRecords(store).playthroughs);
  const user = userEvent.setup();
  const actors = async (i: number) => new Set((JSON.parse(await blobs[i]!.blob.text()) as XapiStatement[]).map((s) => s.actor.account!.name));
  render(<StoreContext.Provider value={store}><Records /></StoreContext.Provider>);
  await user.click(screen.getByRole('button', { name: /Download xAPI statements/ }));
  await waitFor(() => expect(blobs).toHaveLength(1));
  expect(await actors(0)).toEqual(new Set([derived]));
  expect(readRecords(store).learner).toBe(derived);
  // Older practice put back (another tab's, finished a month before): the oldest is another playthrough now.
  const older = { ...mine, id: '00000000-0000-4000-8000-00000000000a', completedAt: new Date(Date.parse(mine.completedAt) - 30 * 86_400_000).toISOString() };
  delete older.startedAt;
  expect(restorePlaythroughs(store, [older])).toBe(1);
  expect(xapiLearner(undefined, readRecords(store).playthroughs)).not.toBe(derived);
  cleanup();
  render(<StoreContext.Provider value={store}><Records /></StoreContext.Provider>);
  await user.click(screen.getByRole('button', { name: /Download xAPI statements/ }));
  await waitFor(() => expect(blobs).toHaveLength(2));
  expect(await actors(1)).toEqual(new Set([derived]));
});
