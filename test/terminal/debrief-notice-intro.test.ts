import { describe, expect, it } from 'vitest';
import { OUT_OF_DATE_SUMMARY } from '../../src/machines/index.js';
import { fitNotices } from '../../src/terminal/ui/DebriefScreen.js';
import { backFromDebriefWords } from '../../src/terminal/ui/FacilitateScreen.js';
import { pathLineRows } from '../../src/terminal/wrap.js';

// Walked in tmux (term-59), 60×24, a finished trainer-led session opened again from a state folder
// made read-only, u back from its ending, the ending again, then e: the debrief's notice read
//   That file is the up-to-date summary. An earlier summary of
//   this session, now out of date, is:
//   u: the room returns to decision 8, revealed with its votes;
// the path it announces left out to fit (printed on leaving), its words left to introduce the
// next line, what u does. A line that ends by announcing the next ("…, is:", "written to:") now
// goes with it when that line is left out.

const COLUMNS = 60;
const SUMMARY = [
  'The state folder cannot be written, so the session summary was written to:',
  '/tmp/trafficker-contact-session-2026-12-07T22-38-47.md',
  OUT_OF_DATE_SUMMARY,
  '/tmp/term59-ro/casa-practice/exports/trafficker-contact-session-2026-12-07T22-36-53.md',
].join('\n');
const NOTICE = `${SUMMARY}\n${backFromDebriefWords(8, 'written', true)}`;
const EXPORTED = 'Could not export to /tmp/term59-ro/casa-practice/exports\n(permission denied).\nPress e again to write it to:\n/tmp';
const rowsOfLine = (line: string) => pathLineRows(line, COLUMNS);

describe('the debrief\'s notice, cut to fit, never leaves a line announcing one that was left out', () => {
  it('at every height: a row that ends with ":" is followed by what it announces', () => {
    for (let budget = 4; budget <= 24; budget += 1) {
      const fitted = fitNotices(NOTICE, EXPORTED, COLUMNS, budget, rowsOfLine, SUMMARY.split('\n'));
      const rows = fitted.noticeRows;
      rows.forEach((row, i) => {
        if (!row.endsWith(':')) return;
        expect(rows[i + 1], `budget ${budget}:\n${rows.join('\n')}`).toMatch(/^\//);
      });
      // Left out, announcement and all: printed whole on leaving, in order.
      const left = fitted.cut.filter((line) => !rows.includes(line));
      for (const line of left) if (line.endsWith(':')) expect(fitted.cut[fitted.cut.indexOf(line) + 1], `budget ${budget}`).toMatch(/^\//);
    }
  });

  it('the 60×24 frame of the walk: what u does stays, the earlier summary\'s announcement goes with its path', () => {
    const fitted = fitNotices(NOTICE, EXPORTED, COLUMNS, 14, rowsOfLine, SUMMARY.split('\n'));
    const text = fitted.noticeRows.join(' ');
    expect(text).not.toContain('now out of date, is:');
    expect(text).toContain('u: the room returns to decision 8');
    expect(fitted.cut).toContain(OUT_OF_DATE_SUMMARY);
  });
});
