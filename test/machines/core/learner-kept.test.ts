import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyseBest, keepLearner, memoryStore, playthroughRecord, readRecords, recordPlaythrough, RECORDS_KEY, restorePlaythroughs, validateScenario, xapiLearner, type PlaythroughRecord, type Scenario } from '../../../src/machines/index.js';
import { playReplies } from '../../helpers/play.js';

// Records without a learner id of their own (made before there was one, or started anew after damaged
// ones were set aside) are named in an xAPI export by the id derived from their oldest playthrough.
// Older practice added later (put back by another tab's guard, or written once damaged records could
// be repaired) changed the oldest, and with it the name of every statement exported before: a
// learning record store then refuses them (same statement id, another actor).

const NOW = new Date('2026-06-01T18:00:00Z');
const scenario = validateScenario(readFileSync(fileURLToPath(new URL('../../../scenarios/youth-discloses.json', import.meta.url))), 'youth-discloses.json').scenario as Scenario;
const debrief = playReplies(scenario, analyseBest(scenario).path.map((p) => p.replyId))!;
let n = 1;
const bytes = (b: Uint8Array) => b.map(() => (n++ * 53) & 0xff);
const record = (at: string) => playthroughRecord(scenario, debrief, { activeMs: 10 * 60_000, randomBytes: bytes }, new Date(at));
const OLD = record('2026-01-05T10:00:00Z');
const LATER = record('2026-03-05T10:00:00Z');
const NEWEST = record('2026-05-05T10:00:00Z');

/** Records holding `playthroughs` and no learner id. */
const withoutLearner = (playthroughs: PlaythroughRecord[]) => {
  const store = memoryStore();
  for (const p of playthroughs) recordPlaythrough(store, p, bytes, NOW);
  const file = JSON.parse(store.read(RECORDS_KEY)!) as { learner?: string };
  delete file.learner;
  store.write(RECORDS_KEY, JSON.stringify(file));
  expect(readRecords(store, NOW).playthroughs).toHaveLength(playthroughs.length);
  expect(readRecords(store, NOW).learner).toBeUndefined();
  return store;
};
/** The learner an export names the records by now (as My records and `records --xapi` do). */
const exported = (store: ReturnType<typeof memoryStore>) => {
  const read = readRecords(store, NOW);
  return xapiLearner(read.learner ?? keepLearner(store, NOW), read.playthroughs);
};

describe('the learner id of records without one of their own', () => {
  it('once exported, older practice added later does not change it: it is kept in the records', () => {
    const store = withoutLearner([LATER]);
    const first = exported(store);
    expect(readRecords(store, NOW).learner).toBe(first);
    // Another tab's practice, finished earlier, put back into the records.
    expect(restorePlaythroughs(store, [OLD], NOW)).toBe(1);
    expect(readRecords(store, NOW).playthroughs[0]!.id).toBe(OLD.id);
    expect(exported(store)).toBe(first);
  });

  it('practice finished after it keeps the id it was named by (not a new random one)', () => {
    const store = withoutLearner([LATER]);
    const first = xapiLearner(undefined, readRecords(store, NOW).playthroughs);
    recordPlaythrough(store, NEWEST, (b) => b.fill(7), NOW);
    expect(readRecords(store, NOW).learner).toBe(first);
  });

  it('records with no practice, or with an id of their own, are not written', () => {
    const empty = memoryStore();
    expect(keepLearner(empty, NOW)).toBeUndefined();
    expect(empty.data.size).toBe(0);
    const own = withoutLearner([LATER]);
    const text = own.read(RECORDS_KEY)!.replace('{', '{"learner":"11111111-1111-4111-8111-111111111111",');
    own.write(RECORDS_KEY, text);
    expect(keepLearner(own, NOW)).toBe('11111111-1111-4111-8111-111111111111');
    expect(own.read(RECORDS_KEY)).toBe(text);
  });
});
