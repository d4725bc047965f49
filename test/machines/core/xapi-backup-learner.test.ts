import { describe, expect, it } from 'vitest';
import { analyseBest, backupText, importBackup, memoryStore, parseBackup, playthroughRecord, readRecords, recordPlaythrough, validateScenario, xapiFile, xapiLearner, type Scenario, type XapiStatement } from '../../../src/machines/index.js';
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
