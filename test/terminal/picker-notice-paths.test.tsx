import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { resumeFailureInOne, SET_ASIDE_KEEP } from '../../src/machines/index.js';
import { BUNDLED, rows } from './helpers/layout.js';
import { press, renderAt, validatedCatalog } from './helpers/ink.js';
import { PickerHost } from './helpers/picker-host.js';

afterEach(() => cleanup());

// Found walking the terminal app at 60×24 with a damaged save and damaged records (session 54): the
// picker's notice named the file the save was moved to in mid-sentence and left Ink to wrap it, so
// the path was cut at the 60th column ("…/trafficker-contact.json.dam" over "aged-2026-…; choose a
// scenario."), the words after it on its last row. Everywhere else a full-screen notice names a
// path on rows of its own (pathLineRows), cut after a "/" where it can be, so that the rows copied
// and joined are the path and nothing else.
const STATE = '/home/volunteer/.local/state/casa-practice';
const SAVE = `${STATE}/saves/trafficker-contact.json.damaged-2026-12-07T08-50-23`;
const RECORDS = `${STATE}/records.json.damaged-2026-12-07T08-51-09`;

/** The rows a path takes in `frame`: from the row it starts on to the row it ends on, joined as the rows were cut. */
function pathRows(frame: string[], path: string): string[] {
  const first = frame.findIndex((row) => row.trim().startsWith(path.slice(0, 20)) || row.includes(` ${path.slice(0, 20)}`));
  expect(first, `no row starts ${path.slice(0, 20)}`).toBeGreaterThanOrEqual(0);
  const taken: string[] = [];
  let joined = '';
  for (let i = first; i < frame.length && !joined.includes(path); i++) {
    const row = (frame[i] as string).trimEnd();
    taken.push(row);
    joined += i === first ? row.slice(row.indexOf(path.slice(0, 20))) : row.trim();
  }
  return taken;
}

describe('a path in the picker\'s notices', () => {
  for (const [what, path, notice, after] of [
    ['the damaged save', SAVE, resumeFailureInOne('The saved progress is damaged (it is not valid JSON).', SAVE), 'choose a scenario.'],
    ['the damaged records', RECORDS, `Your completion records were damaged; they were moved to ${RECORDS} and new records were started. ${SET_ASIDE_KEEP}`, 'and new records were started.'],
  ] as const) {
    it(`names ${what}'s file on rows of its own at 60 columns, cut after a "/", the words after it on the next row`, async () => {
      expect(notice).toContain(path);
      const { entries } = validatedCatalog(BUNDLED)();
      const r = await renderAt(<PickerHost entries={entries} notice={notice} canResume={false} />, 60, 24);
      // Whole above the list where it fits, else in full under n.
      if (rows(r.lastFrame()).join(' ').includes('n: read notices in full')) await press(r, 'n');
      const frame = rows(r.lastFrame());
      for (const row of frame) expect([...row].length).toBeLessThanOrEqual(60);
      const taken = pathRows(frame, path);
      // The first row is the path's alone from its start, and it ends after a "/" (not mid-name).
      expect(taken[0]?.trim().startsWith('/')).toBe(true);
      expect(taken[0]?.trim().endsWith('/')).toBe(true);
      // The rows joined are the path, with only the punctuation that hugs it after it.
      expect(taken.map((t) => t.trim()).join('')).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}[;,.]?$`));
      // The words after it start the next row.
      const next = frame[frame.indexOf(taken.at(-1) as string) + 1] ?? frame.find((row, i) => i > frame.findIndex((x) => x.trimEnd() === taken.at(-1)) && row.trim() !== '');
      expect(next?.trim().startsWith(after.split(' ')[0] as string)).toBe(true);
    });
  }

  it('at 100 columns, where the notice is shown whole above the list, the path is not cut mid-name either', async () => {
    const notice = resumeFailureInOne('The saved progress is damaged (it is not valid JSON).', `${STATE}/${'a-much-longer-folder-name/'.repeat(2)}saves/trafficker-contact.json.damaged-2026-12-07T08-50-23`);
    const path = notice.match(/\/\S+json\.damaged-\S+?(?=;)/)?.[0] as string;
    expect(path.length).toBeGreaterThan(100);
    const { entries } = validatedCatalog(BUNDLED)();
    const r = await renderAt(<PickerHost entries={entries} notice={notice} canResume={false} />, 100, 30);
    const frame = rows(r.lastFrame());
    for (const row of frame) expect([...row].length).toBeLessThanOrEqual(100);
    const taken = pathRows(frame, path);
    expect(taken[0]?.trim().startsWith('/')).toBe(true);
    expect(taken[0]?.trim().endsWith('/')).toBe(true);
    expect(taken.map((t) => t.trim()).join('')).toBe(`${path};`);
  });
});
