// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { leftInPlace, memoryStore, readRecords, type Store } from '../../src/machines/light.js';
import { backupText, finishPlaythrough, type Debrief } from '../../src/machines/index.js';
import { linkingRecords } from '../../src/web/components/SetAside.js';
import { recordsNotice } from '../../src/web/storage-words.js';
import { validateScenario } from '../../src/machines/index.js';
import { Facilitation } from '../../src/web/pages/Presenter.js';
import example from '../fixtures/good/example.json?raw';
import { captureDownloads, renderApp } from './helpers.js';
import { sessionAfter } from '../helpers/play.js';
import { localStore } from '../../src/web/adapters/local-store.js';

// A save, a last debrief or a presenter session that could not be used is set aside, and the page
// said "A copy … is kept in this browser's storage for this site" without saying where it can be
// seen: My records lists every copy set aside under "Room in this browser", to download or remove.
// And ConfirmPanel's heading level (2 unless given) was left at 2 where a question opens inside an
// h2 section.

afterEach(cleanup);

const ROOM_LINE = 'My records lists the copy under “Room in this browser”, to download or remove.';
const FULL_LINE = 'My records shows what takes the room this browser keeps for casa-practice, under “Room in this browser”.';
const DAMAGED_SAVE = '{"format": "casa-practice-terminal-save", "formatVersion": 1, "scenarioFile": "youth-discloses.json", "session": "not a session"}';

/** A memory store whose moveAside cannot move anything (the browser's storage full): the value stays where it is. */
function fullStore(initial: Record<string, string>): Store & { data: Map<string, { text: string; modified: number }> } {
  const store = memoryStore(initial);
  return { ...store, moveAside: (key: string) => leftInPlace(key, 'the storage is full') };
}

describe('a copy set aside says where My records shows it', () => {
  it('a damaged save: the notice ends by pointing to My records\' "Room in this browser", a link that opens it with the copy listed', async () => {
    const user = userEvent.setup({ delay: null });
    const store = memoryStore({ 'saves/youth-discloses.json': DAMAGED_SAVE });
    renderApp('#/play/youth-discloses', store);
    const notice = (await screen.findByText(/^Your progress in this scenario could not be picked up/)).closest('p') as HTMLElement;
    expect(notice.textContent).toMatch(new RegExp(`A copy of the save is kept in this browser's storage for this site \\(nothing was deleted\\)\\. .* ${ROOM_LINE}$`));
    const link = within(notice).getByRole('link', { name: 'My records' });
    expect(link.getAttribute('href')).toBe('#/records');
    await user.click(link);
    // Where the line said: the room's section, and the copy listed, to download or remove.
    expect(await screen.findByRole('heading', { level: 1, name: 'My records' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Room in this browser' })).toBeTruthy();
    expect(screen.getByText(/^Copies set aside \(1\):/)).toBeTruthy();
    // Listed once the scenarios' titles are known (read after the page's first frame): named by its title.
    expect(await screen.findByRole('button', { name: /^Remove this copy \(the damaged save of “What Kiara tells you” set aside on / })).toBeTruthy();
  });

  it('a damaged last debrief says the same, in its page\'s line; left in place (storage full), it says so and points to what takes the room', async () => {
    const debrief = '{"format":"casa-practice-session","formatVersion":1,"scenarioId":"youth-discloses"}';
    renderApp('#/debrief/youth-discloses', memoryStore({ 'debriefs/youth-discloses.json': debrief }));
    let heading = await screen.findByRole('heading', { level: 1, name: 'The last debrief cannot be shown' });
    expect(heading.nextElementSibling?.textContent).toBe(`Your last debrief of this scenario cannot be shown: what this browser kept of it is damaged and cannot be read. A copy of it is kept in this browser's storage for this site (nothing was deleted). Your records are not affected. To have a debrief of this scenario again, play it again. ${ROOM_LINE} Back to the scenarios.`);
    expect(within(heading.nextElementSibling as HTMLElement).getByRole('link', { name: 'My records' }).getAttribute('href')).toBe('#/records');
    cleanup();
    // Not moved (no room for a copy): no copy is said to be kept.
    const full = fullStore({ 'debriefs/youth-discloses.json': debrief });
    renderApp('#/debrief/youth-discloses', full);
    heading = await screen.findByRole('heading', { level: 1, name: 'The last debrief cannot be shown' });
    expect(heading.nextElementSibling?.textContent).toBe(`Your last debrief of this scenario cannot be shown: what this browser kept of it is damaged and cannot be read. It is left as it was in this browser's storage for this site (it is full, with no room for a copy; nothing was deleted). Your records are not affected. To have a debrief of this scenario again, play it again. ${FULL_LINE} Back to the scenarios.`);
    expect(full.read('debriefs/youth-discloses.json')).toBe(debrief);
  });

  it('a damaged presenter session says the same on the content note it opens on', async () => {
    const store = memoryStore({ 'facilitation/youth-discloses.json': '{"format":"casa-practice-facilitation"' });
    renderApp('#/presenter/youth-discloses', store);
    const notice = await screen.findByText(/^The presenter session kept for this scenario could not be picked up/);
    expect(notice.textContent).toBe(`The presenter session kept for this scenario could not be picked up where it stopped: what this browser kept of it is damaged and cannot be read. A copy of the session is kept in this browser's storage for this site (nothing was deleted). Your records and the presenter sessions of other scenarios are not affected. A new session starts from the beginning below. ${ROOM_LINE}`);
    expect(within(notice).getByRole('link', { name: 'My records' }).getAttribute('href')).toBe('#/records');
  });
});

// Records that could not be read at all (a storage that refused the read) were set aside too, but
// the page showed the core's words for a terminal: the storage key they were moved to, and no
// pointer. And a records notice that sets nothing aside ended without saying what to do.
describe('records that could not be read say where My records shows them, and what to do', () => {
  /** A store whose read of the records refuses while they hold `refused` (as a disk or a browser may); `holdsNoData`: nothing in them to keep. */
  const refusing = (refused: string, holdsNoData = false): Store => {
    const store = memoryStore({ 'records.json': refused });
    return { ...store, read: (key) => {
      if (key === 'records.json' && store.read(key) === refused) throw Object.assign(new Error('EACCES: permission denied'), holdsNoData ? { holdsNoData: true } : {});
      return store.read(key);
    } };
  };

  it('set aside: in a browser\'s words (no key), the copy listed below, and a backup to load; on the scenarios page too, "My records" a link', async () => {
    const store = refusing('unreadable here');
    renderApp('#/records', store);
    const notice = await screen.findByText(/^Your completion records could not be read/);
    expect(notice.textContent).toBe('Your completion records could not be read (EACCES: permission denied); a copy of them is kept in this browser\'s storage for this site (nothing was deleted) and new records were started. The copy is listed below, under “Room in this browser”, to download or remove. If you have a backup file, load it with “Load a backup file” below to bring your records back.');
    expect(document.body.textContent).not.toMatch(/records\.json/);
    expect(screen.getByRole('button', { name: /^Remove this copy \(the damaged records set aside on / })).toBeTruthy();
    // Elsewhere, as every notice of a value set aside ends: "My records" a link to it.
    const elsewhere = render(<p>{linkingRecords(recordsNotice(readRecords(refusing('unreadable here')))!)}</p>).container.firstElementChild as HTMLElement;
    expect(elsewhere.textContent).toMatch(/\(nothing was deleted\) and new records were started\. My records lists the copy under “Room in this browser”, to download or remove\. If you have a backup file, load it there to bring your records back\.$/);
    expect(within(elsewhere).getByRole('link', { name: 'My records' }).getAttribute('href')).toBe('#/records');
  });

  // A browser whose storage file is damaged throws on every read: moveAside's own reads threw, and
  // My records was "This page could not be shown" instead of a notice.
  it('a browser storage that throws on every read: My records shows its notice, and its backup can be downloaded', async () => {
    const blobs = captureDownloads();
    const user = userEvent.setup({ delay: null });
    const map = new Map<string, string>([['casa-practice/records.json', '{"format": "casa-practice-records"}']]);
    const written: string[] = [];
    const storage: Storage = {
      get length() { return map.size; },
      key: (i) => [...map.keys()][i] ?? null,
      getItem: () => { throw Object.assign(new Error('NS_ERROR_FILE_CORRUPTED'), { name: 'NS_ERROR_FILE_CORRUPTED' }); },
      setItem: (k, v) => void (written.push(k), map.set(k, v)),
      removeItem: (k) => void (written.push(k), map.delete(k)),
      clear: () => map.clear(),
    };
    const store = localStore({ storage: () => storage });
    written.splice(0);
    renderApp('#/records', store);
    const notice = await screen.findByText(/^Your completion records could not be read/);
    expect(notice.textContent).toMatch(/\(NS_ERROR_FILE_CORRUPTED\); they are left as they were in this browser's storage for this site \(nothing was changed\) and nothing is written over them: .* Closing the browser and opening casa-practice again may let it read them\. To keep what you finish meanwhile, download a backup file with “Download a backup file” below\.$/);
    await user.click(screen.getByRole('button', { name: 'Download a backup file' }));
    expect(blobs).toHaveLength(1);
    // Confirmed, then the notice, with what the backup just made did (its button was the thing to do).
    expect(document.getElementById('backup-message')?.textContent).toMatch(/^Backup downloaded: casa-practice-backup-\d{4}-\d{2}-\d{2}\.json\. .*\(NS_ERROR_FILE_CORRUPTED\); they are left as they were .* Closing the browser and opening casa-practice again may let it read them\. The backup file just downloaded holds what is shown\. To keep what you finish meanwhile, download another later\.$/);
    expect(written).toEqual([]);
    expect(map.get('casa-practice/records.json')).toBe('{"format": "casa-practice-records"}');
  });

  it('nothing set aside (nothing in them to keep): the core\'s line, then the same words on loading a backup', () => {
    const read = readRecords(refusing('a pipe', true));
    expect(read.setAside).toBeUndefined();
    expect(recordsNotice(read, 'records')).toBe('Your completion records could not be read (EACCES: permission denied). If you have a backup file, load it with “Load a backup file” below to bring your records back.');
    // Said below the backup controls, after "Backup downloaded": the field is above.
    expect(recordsNotice(read, 'downloaded')).toBe('Your completion records could not be read (EACCES: permission denied). If you have a backup file, load it with “Load a backup file” above to bring your records back.');
    const elsewhere = render(<p>{linkingRecords(recordsNotice(read)!)}</p>).container.firstElementChild as HTMLElement;
    expect(elsewhere.textContent).toBe('Your completion records could not be read (EACCES: permission denied). If you have a backup file, load it in My records to bring your records back.');
    expect(within(elsewhere).getByRole('link', { name: 'My records' }).getAttribute('href')).toBe('#/records');
  });
});

// Loading a backup on My records reads the records here first; found damaged then (set aside by
// that read), the answer beside the field said "If you have a backup file, load it … to bring your
// records back" of the backup just loaded. And records left where they were (no room to set them
// aside, the only copy of what they hold) were written over by the backup.
describe('a backup loaded over damaged records says what became of it', () => {
  /** A backup file holding one finished practice of the example scenario. */
  const backupFile = () => {
    const { scenario } = validateScenario(example, 'example.json');
    if (!scenario) throw new Error('example invalid');
    const session = sessionAfter(scenario, ['phone-curious', 'after-supervisor']);
    const from = memoryStore();
    const now = new Date();
    finishPlaythrough(from, { scenario, file: 'example.json', bundled: true }, session.getSnapshot().output as Debrief, now, { mode: 'practice', startedAt: new Date(now.getTime() - 5 * 60_000).toISOString() });
    return new File([backupText(from, now).text], 'casa-practice-backup.json');
  };

  it('set aside as it loads: the copy listed, then the backup loaded into the new records (no advice to load one)', async () => {
    const user = userEvent.setup({ delay: null });
    const store = memoryStore();
    renderApp('#/records', store);
    await screen.findByText(/No completed practice yet/);
    // Damaged after the page read them (another tab, a newer version of the app there).
    store.write('records.json', '{"broken');
    await user.upload(screen.getByLabelText('Load a backup file'), backupFile());
    const said = await screen.findByText(/^Your completion records were damaged/);
    expect(said.textContent).toBe('Your completion records were damaged; a copy of them is kept in this browser\'s storage for this site (nothing was deleted) and new records were started. The copy is listed below, under “Room in this browser”, to download or remove. Then the backup you chose was loaded into the new records. Added 1 finished scenario to your records.');
    expect(said.id).toBe('backup-message');
    expect(screen.getAllByRole('row').slice(1)).toHaveLength(1);
    expect([...store.data.keys()].some((k) => k.startsWith('records.json.damaged-'))).toBe(true);
  });

  it('left where they were (no room for a copy): nothing is loaded over them, and the page says why and when it can be', async () => {
    const user = userEvent.setup({ delay: null });
    const store = fullStore({ 'records.json': '{"broken' });
    renderApp('#/records', store);
    await screen.findByText(/^Your completion records were damaged; they are left as they were/);
    await user.upload(screen.getByLabelText('Load a backup file'), backupFile());
    const refused = await screen.findByRole('alert');
    expect(refused.textContent).toBe('Nothing was loaded from that backup, and nothing was changed: your records here are damaged and could not be set aside, and loading it would write over them. What takes the room this browser keeps for casa-practice is shown below, under “Room in this browser”. Once there is room for a copy of them, load the backup again.');
    expect(store.read('records.json')).toBe('{"broken');
    // The page's notice of them stays: they are still there, as it says.
    expect(screen.getByText(/^Your completion records were damaged; they are left as they were/)).toBeTruthy();
  });
});

// Clicks without user-event's pointer steps: only the outline is looked at (quick).
describe('a question\'s heading fits the page\'s outline', () => {
  // The play page's outline: h1 the scenario, h2 "Conversation" (for screen readers), h3 each moment
  // and the decision's prompt. "Start again from the beginning" is among the controls after the
  // decision, in the conversation's section: its question is an h3 there, as the prompt is, not an
  // h2 that reads as a section of its own beside "Conversation". No level skipped (axe's heading-order).
  it('Start again from the beginning? is an h3 under the conversation\'s h2', async () => {
    const { container } = renderApp('#/play/youth-discloses', memoryStore());
    await screen.findByRole('group', { name: /./ });
    fireEvent.click(screen.getAllByRole('button', { name: /^1\. / })[0] as HTMLElement);
    fireEvent.click(await screen.findByRole('button', { name: 'Start again from the beginning' }));
    const question = screen.getByRole('heading', { name: 'Start again from the beginning?' });
    expect(question.tagName).toBe('H3');
    expect(screen.getByRole('group', { name: 'Start again from the beginning?' }).contains(question)).toBe(true);
    const headings = [...container.querySelectorAll('h1, h2, h3, h4, h5, h6')];
    const h2Before = headings.slice(0, headings.indexOf(question)).filter((h) => h.tagName === 'H2').at(-1);
    expect(h2Before?.textContent).toBe('Conversation');
    const result = await axe.run(container.querySelector('main') ?? container, { runOnly: ['heading-order', 'empty-heading'], resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  // A finished room session's page is its debrief: h1 "Debrief: …", h2 sections, the last "What
  // next", where "Start a new session" is. Its question opens there, so it is an h3 under "What
  // next", not an h2 beside it.
  it('Start a new presenter session? (a finished session) is an h3 under the debrief\'s "What next"', async () => {
    const { scenario } = validateScenario(example, 'example.json');
    if (!scenario) throw new Error('example invalid');
    const { container } = render(<Facilitation playable={{ scenario, file: 'example.json' }} onStartOver={() => undefined} />);
    for (let step = 0; step < 30 && !document.getElementById('debrief-heading'); step++) {
      const reveal = screen.queryByRole('button', { name: 'Reveal the feedback' });
      if (reveal) {
        fireEvent.click(reveal);
        fireEvent.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
      } else fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    }
    fireEvent.click(screen.getByRole('button', { name: 'Start a new session' }));
    const question = screen.getByRole('heading', { name: 'Start a new presenter session?' });
    expect(question.tagName).toBe('H3');
    const headings = [...container.querySelectorAll('h1, h2, h3, h4, h5, h6')];
    expect(headings.slice(0, headings.indexOf(question)).filter((h) => h.tagName === 'H2').at(-1)?.textContent).toBe('What next');
    const result = await axe.run(container, { runOnly: ['heading-order', 'empty-heading'], resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
