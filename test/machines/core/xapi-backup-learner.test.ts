import { describe, expect, it } from 'vitest';
import { analyseBest, backupText, importBackup, memoryStore, parseBackup, playthroughRecord, readRecords, recordPlaythrough, RECORDS_KEY, validateScenario, xapiFile, xapiLearner, type Scenario, type XapiStatement } from '../../../src/machines/index.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playReplies } from '../../helpers/play.js';

// A volunteer who practised in the terminal and in a browser has records with two anonymous learner
// ids. Loading the terminal's backup in the browser kept the browser's id for every playthrough, so
// the terminal's playthroughs, exported as xAPI there before, came out here with the same statement
// ids and another actor: a learning record store refuses such a statement (409 Conflict), and with
// it the whole file it came in.

const scenario = validateScenario(readFileSync(fileURLToPath(new URL('../../../scenarios/youth-discloses.json', import.meta.url))), 'youth-discloses.json').scenario as Scenario;
const NOW = new Date('2026-06-01T18:00:00Z');
const debrief = playReplies(scenario, analyseBest(scenario).path.map((p) => p.replyId))!;
let n = 1;
const bytes = (b: Uint8Array) => b.map(() => (n++ * 53) & 0xff);

function device(finishedAt: string[]) {
  const store = memoryStore();
  for (const at of finishedAt) recordPlaythrough(store, playthroughRecord(scenario, debrief, { activeMs: 10 * 60_000, randomBytes: bytes }, new Date(at)), bytes, NOW);
  return store;
}
const xapiOf = (store: ReturnType<typeof memoryStore>) => {
  const read = readRecords(store, NOW);
  return JSON.parse(xapiFile(read.playthroughs, { learner: xapiLearner(read.learner, read.playthroughs) })) as XapiStatement[];
};

describe('a backup from another device, loaded into records with a learner id of their own', () => {
  it('its playthroughs give the same xAPI statements as they did there; the records here keep their own learner', () => {
    const terminal = device(['2026-05-01T18:00:00Z', '2026-05-02T18:00:00Z']);
    const browser = device(['2026-05-03T18:00:00Z']);
    const there = xapiOf(terminal);
    const hereBefore = xapiOf(browser);
    const terminalLearner = readRecords(terminal, NOW).learner;
    const browserLearner = readRecords(browser, NOW).learner;
    expect(terminalLearner).not.toBe(browserLearner);

    const parsed = parseBackup(backupText(terminal, NOW).text, NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    importBackup(browser, parsed.backup, NOW);
    const merged = xapiOf(browser);
    expect(readRecords(browser, NOW).learner).toBe(browserLearner);
    // Every statement exported on the terminal is, by id, the same statement here.
    const byId = new Map(merged.map((s) => [s.id, s]));
    for (const s of there) expect(byId.get(s.id)).toEqual(s);
    for (const s of hereBefore) expect(byId.get(s.id)).toEqual(s);
    expect(merged).toHaveLength(there.length + hereBefore.length);

    // A backup of the merged records, loaded into a third browser, still says so.
    const third = device(['2026-05-04T18:00:00Z']);
    const again = parseBackup(backupText(browser, NOW).text, NOW);
    if (!again.ok) throw new Error(again.error);
    importBackup(third, again.backup, NOW);
    const thirdById = new Map(xapiOf(third).map((s) => [s.id, s]));
    for (const s of [...there, ...hereBefore]) expect(thirdById.get(s.id)).toEqual(s);
  });
});

// Records without a learner id of their own (started anew after damaged ones were set aside, or put
// back from a backup that had none) took the backup's on loading it: their own playthroughs, exported
// before by the id derived from their oldest, were then exported with the same statement ids and
// another actor. Whom a playthrough's statements name is never changed by loading a backup.
describe('whose practice it is, when one side of a backup load has no learner id', () => {
  const withoutLearner = (store: ReturnType<typeof memoryStore>) => {
    const file = JSON.parse(store.read(RECORDS_KEY)!) as { learner?: string };
    delete file.learner;
    store.write(RECORDS_KEY, JSON.stringify(file));
    expect(readRecords(store, NOW).learner).toBeUndefined();
    return store;
  };
  const load = (from: ReturnType<typeof memoryStore>, into: ReturnType<typeof memoryStore>) => {
    const parsed = parseBackup(backupText(from, NOW).text, NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    importBackup(into, parsed.backup, NOW);
  };
  const expectSame = (before: XapiStatement[], after: XapiStatement[]) => {
    const byId = new Map(after.map((s) => [s.id, s]));
    for (const s of before) expect(byId.get(s.id)).toEqual(s);
  };
  /** Loads `terminal`'s backup into `browser`; every statement either side exported before comes out the same after. The browser's, from before. */
  const loadKeepsBoth = (terminal: ReturnType<typeof memoryStore>, browser: ReturnType<typeof memoryStore>) => {
    const there = xapiOf(terminal);
    const hereBefore = xapiOf(browser);
    load(terminal, browser);
    const merged = xapiOf(browser);
    expectSame(hereBefore, merged);
    expectSame(there, merged);
    return hereBefore;
  };

  it('records here without one keep naming their practice as they did, and the backup\'s keeps its own', () => {
    const terminal = device(['2026-04-01T18:00:00Z']);
    const browser = withoutLearner(device(['2026-05-03T18:00:00Z', '2026-05-04T18:00:00Z']));
    const hereBefore = loadKeepsBoth(terminal, browser);
    // Fixed from then on: the id they were named by is the records' own now, whatever comes first later.
    expect(readRecords(browser, NOW).learner).toBe(hereBefore[0]!.actor.account!.name);
    load(device(['2026-01-01T18:00:00Z']), browser);
    expectSame(hereBefore, xapiOf(browser));
  });

  it('a backup without one, loaded into records with one, keeps naming its practice as it did where it was made', () => {
    const terminal = withoutLearner(device(['2026-04-01T18:00:00Z', '2026-04-02T18:00:00Z']));
    loadKeepsBoth(terminal, device(['2026-05-03T18:00:00Z']));
  });

  it('records with no practice yet (a browser cleared, or a second device) take the backup\'s: one volunteer, one learner', () => {
    const terminal = device(['2026-04-01T18:00:00Z']);
    const there = xapiOf(terminal);
    const browser = memoryStore();
    load(terminal, browser);
    expect(readRecords(browser, NOW).learner).toBe(readRecords(terminal, NOW).learner);
    expect(readRecords(browser, NOW).playthroughs.every((p) => p.learner === undefined)).toBe(true);
    expectSame(there, xapiOf(browser));
    // And so does what is finished there afterwards.
    recordPlaythrough(browser, playthroughRecord(scenario, debrief, { activeMs: 10 * 60_000, randomBytes: bytes }, new Date('2026-05-05T18:00:00Z')), bytes, NOW);
    expect(new Set(xapiOf(browser).map((s) => s.actor.account!.name))).toEqual(new Set([readRecords(terminal, NOW).learner]));
  });
});
