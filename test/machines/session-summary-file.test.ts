import { describe, expect, it } from 'vitest';
import { OUT_OF_DATE_SUMMARY, sessionSummaryFile } from '../../src/machines/index.js';

describe('sessionSummaryFile: where a trainer-led session carried on writes its summary', () => {
  it('the one written at its ending before the kept one, and before one found only by what it says', () => {
    expect(sessionSummaryFile({ atEnding: '/e.md', kept: '/k.md' })).toEqual({ path: '/e.md' });
    expect(sessionSummaryFile({ atEnding: '/e.md', kept: '/k.md', writtenSince: { path: '/s.md', marked: false } })).toEqual({ path: '/e.md' });
  });

  // A finished session opened read-only, gone back from its ending (u) and stopped: the newer file,
  // written where the app was started, is the one leaving called up to date (term-54).
  it('a summary marked by the session and written since, before the one written at its ending, which is then out of date', () => {
    expect(sessionSummaryFile({ atEnding: '/state/exports/e.md', writtenSince: { path: '/here/s.md', marked: true } })).toEqual({ path: '/here/s.md', outOfDate: '/state/exports/e.md' });
    expect(sessionSummaryFile({ atEnding: '/here/s.md', writtenSince: { path: '/here/s.md', marked: true } })).toEqual({ path: '/here/s.md' });
  });

  it('a summary marked by the session and written since it was last kept, before the kept one, which is then out of date', () => {
    expect(sessionSummaryFile({ kept: '/state/exports/k.md', writtenSince: { path: '/here/s.md', marked: true } })).toEqual({ path: '/here/s.md', outOfDate: '/state/exports/k.md' });
    // The same file found both ways: nothing out of date.
    expect(sessionSummaryFile({ kept: '/here/s.md', writtenSince: { path: '/here/s.md', marked: true } })).toEqual({ path: '/here/s.md' });
  });

  it('one found only by what it says (a session kept before sessions were marked) only where none was kept', () => {
    expect(sessionSummaryFile({ kept: '/k.md', writtenSince: { path: '/s.md', marked: false } })).toEqual({ path: '/k.md' });
    expect(sessionSummaryFile({ writtenSince: { path: '/s.md', marked: false } })).toEqual({ path: '/s.md' });
  });

  it('nothing found: a new file (no path)', () => {
    expect(sessionSummaryFile({})).toEqual({});
  });

  it('says which file is up to date and that the earlier is out of date', () => {
    expect(OUT_OF_DATE_SUMMARY).toMatch(/up-to-date summary/);
    expect(OUT_OF_DATE_SUMMARY).toMatch(/out of date, is:$/);
  });
});
