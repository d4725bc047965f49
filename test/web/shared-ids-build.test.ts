// The web build's warning of two of the app's scenario files with one id (scripts/shared-ids-plugin.ts):
// which file the web app opens, read from a folder in the order the app's bundle reads it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledFileIds, sharedIdsAtBuild, sharedIdWarnings } from '../../scripts/shared-ids-plugin.js';
import { scenarioTexts } from '../../src/web/scenarios.js';

const root = mkdtempSync(join(tmpdir(), 'shared-ids-'));
const dir = join(root, 'scenarios');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The scenarios folder holds these files, and no other. */
function folder(files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

const scenario = (id: string) => JSON.stringify({ id, title: id });

describe('building the web app with two scenario files of one id', () => {
  it('warns once per shared id, naming the file the web app opens: the first as its bundle orders them', () => {
    // A copy named after the original sorts before it ("-" before "."): the copy is the one opened.
    folder({ 'court-report.json': scenario('court-report'), 'court-report-copy.json': scenario('court-report'), 'night-shift.json': scenario('night-shift'), 'draft.json': '{ not json', 'scenario.schema.json': scenario('court-report') });
    const warned: string[] = [];
    const plugin = sharedIdsAtBuild();
    (plugin.configResolved as (c: { root: string }) => void)({ root });
    (plugin.buildStart as (this: { warn: (w: string) => void }) => void).call({ warn: (w) => warned.push(w) });
    expect(warned).toEqual(['scenarios/court-report-copy.json and scenarios/court-report.json have the id "court-report": the web app lists each on its Scenarios page but opens only court-report-copy.json (it opens a scenario by its id), and a browser keeps one saved playthrough and one set of completion records for them. Give each scenario its own id (the web app\'s Preview page checks a file).']);
  });

  it('an id with control characters or bidi marks is shown cleaned', () => {
    folder({ 'a.json': scenario('x\u202e\u001b[2Jy'), 'b.json': scenario('x\u202e\u001b[2Jy') });
    const [words] = sharedIdWarnings(dir);
    expect(words).toMatch(/^scenarios\/a\.json and scenarios\/b\.json have the id "xy": /);
  });

  it('orders the files by their code units, as the terminal sorts a folder: the same in every language, not "a" before "B"', () => {
    folder({ 'a.json': scenario('same'), 'B.json': scenario('same'), 'Z.json': scenario('z'), '\u00e4.json': scenario('\u00e4') });
    expect(bundledFileIds(dir).map((f) => f.file)).toEqual(['B.json', 'Z.json', 'a.json', '\u00e4.json']);
    expect(sharedIdWarnings(dir)[0]).toMatch(/but opens only B\.json /);
  });

  it('says nothing when every id is its own, as in the app today', () => {
    folder({ 'a.json': scenario('a'), 'b.json': scenario('b') });
    expect(sharedIdWarnings(dir)).toEqual([]);
    expect(sharedIdWarnings('scenarios')).toEqual([]);
  });

  it('reads the files the web app bundles, in its order (so "opens" names the file bundledById opens)', async () => {
    expect(bundledFileIds('scenarios').map((f) => f.file)).toEqual((await scenarioTexts()).map((t) => t.file));
  });
});
