import { describe, expect, it } from 'vitest';
import { NO_PRACTICE_YET, playthroughRecord, recordPlaythrough, type Debrief } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { recordsCommand } from '../../src/terminal/records-command.js';
import { example, play } from '../machines/core/fixtures.js';
import { tempEnv } from './helpers/ink.js';
import { timeZoneForFile } from '../helpers/time-zone.js';

// In January `casa-practice records` opened on the new year: "No practice was completed in 2027",
// when the list a volunteer wants then is last year's (the one handed in). The web certificate
// opens on last year's in that case (records-new-year.test.tsx), saying so beside its Year list;
// the terminal's list now does the same, saying so in one line before the rows.

timeZoneForFile('America/Los_Angeles');
const debrief = () => play(example, 'practice', ['phone-curious', 'after-supervisor']).getSnapshot().output as Debrief;
const january = new Date('2027-01-06T18:00:00Z');
const NOTE = 'Showing 2026: no practice in 2027 yet. Another: --year YYYY';

/** A state folder holding a practice of the example finished at each of `finished` (ISO, 18:00 UTC is 10:00 in Los Angeles). */
function envFinishedOn(...finished: [iso: string, minutes: number][]) {
  const env = tempEnv();
  const store = stateStore(env);
  for (const [iso, minutes] of finished) {
    const at = new Date(iso);
    recordPlaythrough(store, playthroughRecord(example, debrief(), { activeMs: minutes * 60_000, randomBytes: (b) => crypto.getRandomValues(b) }, at), (b) => crypto.getRandomValues(b), at);
  }
  return env;
}

function run(argv: string[], env: NodeJS.ProcessEnv, now: Date) {
  let out = '';
  let err = '';
  const code = recordsCommand(argv, { out: (t) => void (out += t), err: (t) => void (err += t) }, env, now);
  return { code, out, err, flat: out.replace(/\s+/g, ' ') };
}

/** `f` with the terminal `columns` wide (textWidth reads stdout's columns). */
function atWidth<T>(columns: number, f: () => T): T {
  const before = Object.getOwnPropertyDescriptor(process.stdout, 'columns');
  Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true });
  try {
    return f();
  } finally {
    if (before) Object.defineProperty(process.stdout, 'columns', before);
    else delete (process.stdout as { columns?: number }).columns;
  }
}

describe('casa-practice records over New Year', () => {
  it("in a January with no practice yet, lists last year's practice and total, saying so in one line (one row at 60 columns) before the rows; in 60×24, with or without NO_COLOR", () => {
    const env = envFinishedOn(['2025-11-20T18:00:00Z', 30], ['2026-02-10T18:00:00Z', 25], ['2026-12-30T18:00:00Z', 11]);
    for (const extra of [{}, { NO_COLOR: '1' }]) {
      const r = atWidth(60, () => run([], { ...env, ...extra }, january));
      expect(r.code).toBe(0);
      const lines = r.out.trimEnd().split('\n');
      expect(Math.max(...lines.map((l) => l.length)), r.out).toBeLessThanOrEqual(60);
      expect(lines.length, r.out).toBeLessThanOrEqual(23);
      // Which year, and how to choose another, first: the rows' year is known before they are read.
      expect(r.flat.startsWith(`${NOTE} `), r.out).toBe(true);
      expect(r.flat.split(NOTE)).toHaveLength(2);
      // Last year's rows, newest first, and its total; not this year's "none".
      expect(r.out.indexOf('2026-12-30')).toBeGreaterThan(0);
      expect(r.out.indexOf('2026-02-10')).toBeGreaterThan(r.out.indexOf('2026-12-30'));
      expect(r.out).not.toContain('2025-11-20');
      expect(r.flat).toContain('Total: 0.6 hours of finished practice in 2026 (36 minutes from 2 finished scenarios).');
      expect(r.flat).not.toContain('No practice was completed in 2027');
      // The other years are those beside the year shown, as with --year 2026.
      expect(r.flat).toContain('Also finished in other years: 2025 (1 finished scenario). To list one, run: casa-practice records --year 2025');
      // In words: no colour, no escape sequence.
      expect(r.out).not.toContain('\u001b');
      // One line, whole on the first row at 60 columns.
      expect(lines[0]).toBe(NOTE);
    }
  });

  it('with --year, lists the year asked for and says nothing of last year', () => {
    const env = envFinishedOn(['2026-02-10T18:00:00Z', 25]);
    const r = run(['--year', '2027'], env, january);
    expect(r.flat).toMatch(/^No practice was completed in 2027\. Finished in other years: 2026 \(1 finished scenario\)\. /);
    expect(r.flat).not.toContain('Showing');
    const asked = run(['--year', '2026'], env, january);
    expect(asked.flat).toContain('Total: 0.4 hours of finished practice in 2026 (25 minutes from 1 finished scenario).');
    expect(asked.flat).not.toContain('Showing');
  });

  it('opens on this year, with no note, when this year has practice, when only older years have, or when none has', () => {
    // This year has practice (and last year too): this year's, as before.
    const both = run([], envFinishedOn(['2026-02-10T18:00:00Z', 25], ['2027-01-05T18:00:00Z', 11]), january);
    expect(both.flat).toContain('Total: 0.1 hours of finished practice in 2027 (11 minutes from 1 finished scenario).');
    expect(both.out).not.toContain('2026-02-10');
    // Only the year before last: this year's "none", with the other years named.
    const older = run([], envFinishedOn(['2025-11-20T18:00:00Z', 30]), january);
    expect(older.flat).toMatch(/^No practice was completed in 2027\. Finished in other years: 2025 /);
    // None at all.
    const none = run([], tempEnv(), january);
    expect(none.out.startsWith(`${NO_PRACTICE_YET}\n`), none.out).toBe(true);
    for (const r of [both, older, none]) expect(r.flat).not.toContain('Showing');
  });
});
