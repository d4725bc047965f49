// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore, recordPlaythrough, RECORDS_KEY, type PlaythroughRecord } from '../../src/machines/index.js';
import { renderApp } from './helpers.js';

afterEach(cleanup);

/** A finished practice of 15 minutes on 2026-03-18. */
const RECORD: PlaythroughRecord = {
  id: '0f0e0d0c-0b0a-4908-8706-050403020100', scenarioId: 'youth-discloses', scenarioVersion: 8, title: 'What Kiara tells you',
  mode: 'practice', startedAt: '2026-03-18T17:40:00.000Z', completedAt: '2026-03-18T18:00:00.000Z', minutes: 15,
  score: { earned: 10, best: 27, percent: 37, capped: false }, band: 'needs-review', decisions: [], principles: [],
};

/** Records holding RECORD, as the core writes them. */
function recordsText(): string {
  const store = memoryStore();
  recordPlaythrough(store, RECORD, undefined, new Date('2026-03-19T00:00:00Z'));
  return store.read(RECORDS_KEY) ?? '';
}

/** The page's notice of damaged records (its words), or undefined. */
const damagedNotice = (): string | undefined => screen.queryAllByRole('status').map((s) => s.textContent ?? '').find((t) => /damaged/.test(t));

// The certificate opened first (a bookmark, or straight from the address bar) over damaged records
// said only "No completed practice yet", and a practice left out as damaged was simply not on it:
// the records had been set aside with a copy kept, but a volunteer had no word of it and took their
// practice for lost. It says what the first page and My records say, with its link to My records.
describe('the certificate over damaged records', () => {
  it('records that are not JSON: says they were damaged, a copy kept, where it is listed; the certificate shows no practice and nothing is deleted', async () => {
    const text = recordsText().slice(0, 120);
    const store = memoryStore({ [RECORDS_KEY]: text });
    renderApp('#/certificate', store);
    await screen.findByRole('heading', { level: 2, name: 'Certificate of completed practice' });
    await expect.poll(damagedNotice).toMatch(/^Your completion records were damaged; a copy of them is kept in this browser's storage for this site \(nothing was deleted\) and new records were started\. My records lists the copy under “Room in this browser”/);
    const notice = screen.getAllByRole('status').find((s) => /damaged/.test(s.textContent ?? ''))!;
    expect(within(notice).getByRole('link', { name: 'My records' }).getAttribute('href')).toBe('#/records');
    // Not on paper: it is in the page's part that is not printed.
    expect(notice.closest('.no-print')).not.toBeNull();
    expect(document.querySelector('.certificate')?.textContent).toContain('No completed practice yet');
    // The damaged text kept whole, beside the new records.
    const copies = [...store.data.keys()].filter((k) => k.startsWith(`${RECORDS_KEY}.damaged-`));
    expect(copies.map((k) => store.read(k))).toEqual([text]);
  });

  it('a practice with negative minutes among good ones: names the practice left out and why, the others on the certificate', async () => {
    const file = JSON.parse(recordsText());
    file.playthroughs.push({ ...RECORD, id: '0f0e0d0c-0b0a-4908-8706-050403020101', completedAt: '2026-03-20T18:00:00.000Z', startedAt: '2026-03-20T17:40:00.000Z', minutes: -10, seconds: -600, title: 'The 11:40 p.m. call' });
    const store = memoryStore({ [RECORDS_KEY]: JSON.stringify(file) });
    renderApp('#/certificate', store);
    await userEvent.setup().selectOptions(await screen.findByLabelText('Year'), '2026');
    await expect.poll(damagedNotice).toMatch(/^Part of your completion records was damaged: 1 finished scenario could not be read \(the practice of "The 11:40 p\.m\. call" finished on 2026-03-20 at [^:]+:\d\d [ap]\.m\.: its minutes are not a whole number of at least 1\) and is left out of your records; .* My records lists the copy/);
    expect(damagedNotice()).toContain('(nothing was deleted)');
    expect(within(screen.getByRole('table')).getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[1]?.lastChild?.textContent)).toEqual(['What Kiara tells you']);
  });

  it('good records: no notice', async () => {
    const store = memoryStore({ [RECORDS_KEY]: recordsText() });
    renderApp('#/certificate', store);
    await screen.findByRole('heading', { level: 2, name: 'Certificate of completed practice' });
    expect(damagedNotice()).toBeUndefined();
    expect([...store.data.keys()].filter((k) => k.includes('.damaged-'))).toEqual([]);
  });
});
