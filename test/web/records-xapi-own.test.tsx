// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { analyseBest, memoryStore, playthroughRecord, recordPlaythrough, validateScenario, type Scenario } from '../../src/machines/index.js';
import example from '../fixtures/good/example.json?raw';
import { playReplies } from '../helpers/play.js';
import { captureDownloads, renderApp } from './helpers.js';

afterEach(cleanup);

// Practice from a volunteer's own scenario file (played in the terminal, its backup loaded here) got
// no decision definitions in the xAPI file, and nothing said so: the records keep no path to the
// file. The export finds it among the files checked in "Preview a file" in this visit, by id,
// version and content fingerprint, and says which records it could not describe and why.
it('the xAPI file describes practice from your own scenario file once it is opened in Preview a file; before that, it says which were not described and why', async () => {
  const blobs = captureDownloads();
  const user = userEvent.setup();
  // An id of this test's own: the page's memory of files checked lasts as long as the module.
  const mine: Scenario = { ...(validateScenario(example, 'example.json').scenario as Scenario), id: 'records-xapi-own-test', title: 'Weekend visit (my own)' };
  const store = memoryStore();
  const debrief = playReplies(mine, analyseBest(mine).path.map((p) => p.replyId))!;
  recordPlaythrough(store, playthroughRecord(mine, debrief, { mode: 'practice', activeMs: 12 * 60_000, randomBytes: (b) => crypto.getRandomValues(b) }), (b) => crypto.getRandomValues(b));
  const answeredOfMine = async (n: number) => (JSON.parse(await blobs[n]!.blob.text()) as { verb: { id: string }; object: { id: string; definition?: { choices?: unknown[] } } }[])
    .filter((s) => s.verb.id.endsWith('/answered') && s.object.id.includes('/scenarios/records-xapi-own-test/'));

  let page = renderApp('#/records', store);
  await user.click(await screen.findByRole('button', { name: /Download xAPI statements/ }));
  await waitFor(() => expect(blobs).toHaveLength(1));
  const said = await waitFor(() => {
    const p = document.getElementById('export-message');
    expect(p).not.toBeNull();
    return p!.textContent ?? '';
  });
  expect(said).toContain('1 finished scenario in this xAPI file has no description of its decisions');
  expect(said).toContain('"Weekend visit (my own)", version 1 (1 finished): its scenario file was not at hand');
  expect(said).toContain('open each of those scenario files, as they were when played, in "Preview a file"');
  const before = await answeredOfMine(0);
  expect(before.length).toBeGreaterThan(0);
  expect(before.every((s) => s.object.definition === undefined)).toBe(true);
  page.unmount();

  page = renderApp('#/preview', store);
  await user.upload(await screen.findByLabelText('Scenario file (.json)'), new File([`${JSON.stringify(mine, null, 2)}\n`], 'weekend.json', { type: 'application/json' }));
  await screen.findAllByRole('button', { name: /Play it now/ });
  page.unmount();

  renderApp('#/records', store);
  await user.click(await screen.findByRole('button', { name: /Download xAPI statements/ }));
  await waitFor(() => expect(blobs).toHaveLength(2));
  const after = await answeredOfMine(1);
  expect(after).toHaveLength(before.length);
  expect(after.every((s) => (s.object.definition?.choices?.length ?? 0) > 0)).toBe(true);
  // Said as downloaded, with no gaps left to name.
  expect(document.getElementById('export-message')?.textContent).toMatch(/^xAPI file downloaded: casa-practice-xapi-\d{4}-\d{2}-\d{2}\.json\.$/);
});
