import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  analyseBest, backupText, finishPlaythrough, memoryStore, parseBackup, parsePlaythrough, playthroughRecord, readRecords, recordsText, scenarioFingerprint, scenariosAtHand, VERBS,
  xapiDefinitionGaps, xapiGapWords, xapiStatements, type PlaythroughRecord, type Scenario,
} from '../../../src/machines/index.js';
import { bundledScenario } from '../../helpers/bundled.js';
import { playReplies } from '../../helpers/play.js';

// The xAPI file describes a decision (its words and every reply, as `choices`) only from the scenario
// the playthrough was played from. A volunteer's own scenario file is not bundled, and a record keeps
// no path (it would travel in backups and exports): it keeps the scenario's content fingerprint, and
// an export finds the scenario among those at hand by id, version and fingerprint.

const dir = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');
// Validated once per test worker (test/helpers/bundled.ts), not again in each file that reads them.
const bundled: Scenario[] = files.map((f) => bundledScenario(f.slice(0, -'.json'.length)));
const base = bundled.find((s) => s.id === 'court-report') ?? bundled[0]!;
const LEARNER = '0b6f3c1e-8d2a-4c55-9a7e-2f1d0c9b8a71';
const NOW = new Date('2026-06-01T18:00:00Z');

/** A volunteer's own scenario: a copy of a bundled one under another id (and version), as a trainer's file is. */
function own(version = 1, edit?: (s: Scenario) => void): Scenario {
  const s = JSON.parse(JSON.stringify(base)) as Scenario;
  s.id = 'my-own-practice';
  s.title = 'My own practice';
  s.version = version;
  edit?.(s);
  return s;
}

/** A finished playthrough of `s` (its best path), recorded as the UIs record it. */
function recordOf(s: Scenario, n = 1): PlaythroughRecord {
  const debrief = playReplies(s, analyseBest(s).path.map((p) => p.replyId));
  if (!debrief) throw new Error(`${s.id}: best path did not end`);
  let k = n;
  return playthroughRecord(s, debrief, { mode: 'practice', randomBytes: (b) => b.map(() => (k++ * 37) & 0xff) }, NOW);
}

const answered = (r: PlaythroughRecord, scenarios: Scenario[]) =>
  xapiStatements(r, { learner: LEARNER, scenarioOf: scenariosAtHand(scenarios) }).filter((s) => s.verb.id === VERBS.answered);

describe('xAPI definitions for playthroughs of a volunteer\'s own scenario files', () => {
  it('a record keeps the content fingerprint of the scenario played, which is the same whatever order the file gives its keys', () => {
    const mine = own();
    const record = recordOf(mine);
    expect(record.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.scenarioHash).toBe(scenarioFingerprint(mine));
    // The same scenario written with its keys in another order (another editor's save) is the same scenario.
    const reversed = (v: unknown): unknown => Array.isArray(v) ? v.map(reversed)
      : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const reordered = reversed(mine) as Scenario;
    expect(Object.keys(reordered)).not.toEqual(Object.keys(mine));
    expect(scenarioFingerprint(reordered)).toBe(record.scenarioHash);
    // One word changed is another scenario.
    expect(scenarioFingerprint(own(1, (s) => { s.title = 'My own practice, edited'; }))).not.toBe(record.scenarioHash);
  });

  it('every bundled file has one fingerprint, validated (the web app) or read as it was verified at build time (the terminal)', () => {
    // The terminal reads a bundled file checked at build time as JSON.parse gives it (verifiedResult);
    // the web app validates it: a backup carries records between them, so both must give the same fingerprint.
    for (const [i, f] of files.entries()) {
      expect(scenarioFingerprint(JSON.parse(readFileSync(dir + f, 'utf8')) as unknown), f).toBe(scenarioFingerprint(bundled[i]));
    }
  });

  it('with the own file at hand (the terminal\'s --scenarios, or opened in this visit), its decisions are described from it; without it, not, and the export says which and why', () => {
    const mine = own();
    const record = recordOf(mine);
    const withIt = answered(record, [...bundled, mine]);
    expect(withIt.length).toBeGreaterThan(0);
    for (const a of withIt) {
      expect(a.object.definition?.interactionType).toBe('choice');
      expect(a.object.definition?.choices?.map((c) => c.id)).toContain(a.result?.response);
    }
    expect(xapiDefinitionGaps([record], scenariosAtHand([...bundled, mine]))).toEqual([]);

    for (const a of answered(record, bundled)) expect(a.object.definition).toBeUndefined();
    const gaps = xapiDefinitionGaps([record, recordOf(mine, 50), recordOf(base, 90)], scenariosAtHand(bundled));
    expect(gaps.map((g) => [g.record.scenarioId, g.reason])).toEqual([['my-own-practice', 'not-at-hand'], ['my-own-practice', 'not-at-hand']]);
    const words = xapiGapWords(gaps, 'Name the folder.');
    expect(words).toContain('2 finished scenarios in this xAPI file have no description of their decisions');
    expect(words).toContain('"My own practice", version 1 (2 finished): its scenario file was not at hand');
    expect(words).toMatch(/Their replies, scores and results are in the file all the same\. Name the folder\.$/);
    expect(xapiGapWords([], 'Name the folder.')).toBeUndefined();
  });

  it('a file changed after it was played, without a new version, is not taken for the one played (its words may not be what was read)', () => {
    const record = recordOf(own());
    const edited = own(1, (s) => {
      const d = s.nodes.find((n) => n.kind === 'decision');
      if (d?.kind === 'decision' && d.replies[0]) d.replies[0].text = `${d.replies[0].text} (reworded)`;
    });
    for (const a of answered(record, [...bundled, edited])) expect(a.object.definition).toBeUndefined();
    expect(xapiDefinitionGaps([record], scenariosAtHand([edited])).map((g) => g.reason)).toEqual(['changed']);
    expect(xapiGapWords(xapiDefinitionGaps([record], scenariosAtHand([edited])), '')).toContain('was changed after it was played, without a new version number');
    // A record made before the fingerprint was kept goes by id and version, as before.
    const { scenarioHash: _, ...older } = record;
    expect(answered(older, [edited]).every((a) => a.object.definition !== undefined)).toBe(true);
  });

  it('among several versions at hand, the one played is used; with only another, the export names the version it had', () => {
    const v1 = own(1);
    const v2 = own(2, (s) => { s.title = 'My own practice (revised)'; });
    const record = recordOf(v1);
    expect(answered(record, [v2, v1]).every((a) => a.object.definition !== undefined)).toBe(true);
    const gaps = xapiDefinitionGaps([record], scenariosAtHand([v2]));
    expect(gaps.map((g) => [g.reason, g.versionAtHand])).toEqual([['other-version', 2]]);
    expect(xapiGapWords(gaps, '')).toContain('"My own practice", version 1 (1 finished): only another version of it was at hand (version 2)');
  });

  it('the fingerprint survives the records file and a backup; one of another shape is left out, not the playthrough', () => {
    const record = recordOf(own());
    const back = parsePlaythrough(JSON.parse(JSON.stringify(record)) as unknown, NOW);
    expect(back).toEqual(record);
    const odd = parsePlaythrough({ ...record, scenarioHash: '/home/maria/scenarios/mine.json' }, NOW);
    expect('error' in odd).toBe(false);
    expect(odd).not.toHaveProperty('scenarioHash');
    const store = memoryStore();
    store.write('records.json', recordsText({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [record] }));
    const parsed = parseBackup(backupText(store, NOW).text, NOW);
    expect(parsed.ok && parsed.backup.records.playthroughs[0]?.scenarioHash).toBe(record.scenarioHash);
  });

  it('a playthrough of an own file is recorded without its path: neither the records nor a backup name the folder', () => {
    const store = memoryStore();
    const mine = own();
    const debrief = playReplies(mine, analyseBest(mine).path.map((p) => p.replyId))!;
    finishPlaythrough(store, { scenario: mine, file: '/home/maria-lopez/casa/my-own-practice.json' }, debrief, NOW, { randomBytes: (b) => b.fill(7) });
    const [recorded] = readRecords(store, NOW).playthroughs;
    expect(recorded?.scenarioHash).toBe(scenarioFingerprint(mine));
    expect(store.read('records.json')).not.toMatch(/maria-lopez|\/home\//);
    expect(backupText(store, NOW).text).not.toMatch(/maria-lopez|\/home\//);
  });
});
